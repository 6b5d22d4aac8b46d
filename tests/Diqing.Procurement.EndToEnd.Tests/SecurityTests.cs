using System.Net;
using Diqing.Procurement.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Diqing.Procurement.EndToEnd.Tests;

/// <summary>The outside security test's HTTP findings (issue 13), tried again against the running app.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityTests(AppFixture app)
{
    [Theory]
    [InlineData("account/login")]
    [InlineData("no/such/page")]
    [InlineData("healthz")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_header(string path)
    {
        using var response = await app.Http.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(",", response.Headers.TryGetValues("Server", out var s) ? s : []));
    }

    [Fact]
    public async Task The_import_map_carries_the_nonce_of_its_own_response()
    {
        using var response = await app.Http.GetAsync("account/login");
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(Header(response, "Content-Security-Policy"), "'nonce-(?<n>[^']+)'").Groups["n"].Value;

        // The attribute is HTML-encoded (a '+' of the base64 nonce is written &#x2B;); the browser reads it decoded.
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_opens_nothing_afterwards()
    {
        using var browser = new HttpBrowser(app.BaseAddress);
        using (var signIn = await browser.SignInAsync("auditor", BrowserTest.DemoPassword))
        {
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        }

        var copied = browser.CookieValue("diqing.auth");
        Assert.NotNull(copied);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("audit", copied)).StatusCode);

        var token = await browser.TokenAsync("account/security");
        using (var signOut = await browser.Client.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var replay = await GetWithCookieAsync("audit", copied);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/account/login", replay.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_hundred_thousand_character_user_name_is_stored_capped()
    {
        var marker = "huge" + Guid.NewGuid().ToString("N")[..8];
        using var browser = new HttpBrowser(app.BaseAddress);

        using var response = await browser.SignInAsync(marker + new string('x', 100_000), "whatever");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "diqing.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(UserName) FROM AuditEntries WHERE Action = 'LoginFailed' AND UserName LIKE $marker";
        command.Parameters.AddWithValue("$marker", marker + "%");
        Assert.Equal(64L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_attachment_is_served_as_a_download_under_its_type_s_extension_with_nosniff_and_a_sandbox()
    {
        using var browser = new HttpBrowser(app.BaseAddress);
        (await browser.SignInAsync("auditor", BrowserTest.DemoPassword)).Dispose();
        string id;
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "diqing.db")};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Id FROM Attachments WHERE ContractId IS NOT NULL LIMIT 1";
            id = ((string)(await command.ExecuteScalarAsync())!).ToLowerInvariant();
        }

        using var response = await browser.Client.GetAsync("attachments/" + id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains("sandbox", Header(response, "Content-Security-Policy"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_folder_and_the_database_holding_the_keys_are_owner_only()
    {
        (await app.Http.GetAsync("account/login")).Dispose(); // the first form makes sure a data-protection key exists
        const UnixFileMode folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(folder, File.GetUnixFileMode(app.DataFolder));
        Assert.Equal(file, File.GetUnixFileMode(Path.Combine(app.DataFolder, "diqing.db")));
        // The data-protection keys are rows of that database (shared by every instance), not files beside it.
        Assert.False(Directory.Exists(Path.Combine(app.DataFolder, "keys")));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(app.DataFolder, "diqing.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM DataProtectionKeys";
        Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", "diqing.auth=" + cookie);
        return await app.Http.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : string.Empty;
}
