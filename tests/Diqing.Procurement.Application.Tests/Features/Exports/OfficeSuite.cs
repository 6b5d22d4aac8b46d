using System.Diagnostics;

namespace Diqing.Procurement.Application.Tests.Features.Exports;

/// <summary>
/// The real clients of the exports: LibreOffice converts a file to PDF as an office suite would print it, poppler reads the
/// PDF back. Fails, with what to install, when they are missing (<c>tests/run.sh</c> installs them).
/// </summary>
internal static class OfficeSuite
{
    public static void RequireTools()
    {
        foreach (var tool in new[] { "soffice", "pdftotext", "pdffonts", "pdfinfo" })
        {
            Assert.True(OnPath(tool), $"{tool} is missing: run tests/run.sh, or apt-get install -y libreoffice-calc libreoffice-writer poppler-utils fonts-liberation");
        }
    }

    /// <summary>One conversion into <paramref name="folder"/>, with a HOME of its own (two LibreOffice processes cannot share a profile).</summary>
    public static async Task<string> ConvertToPdfAsync(string file, string folder)
    {
        var home = Path.Combine(folder, "home-" + Path.GetFileNameWithoutExtension(file));
        Directory.CreateDirectory(home);
        var output = await RunAsync("soffice", home, ["--headless", "--norestore", "--convert-to", "pdf", "--outdir", folder, file]);
        var pdf = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice did not convert {file}: {output}");
        return pdf;
    }

    /// <summary>Each page's text, laid out as printed.</summary>
    public static async Task<IReadOnlyList<string>> PagesAsync(string pdf) =>
        (await RunAsync("pdftotext", "-layout", pdf, "-")).Split('\f').SkipLast(1).ToList(); // pages end with a form feed

    public static Task<string> RunAsync(string tool, params string[] arguments) => RunAsync(tool, home: null, arguments);

    /// <summary>Standard output, then standard error (after the last page's form feed: ignored by the page split).</summary>
    public static async Task<string> RunAsync(string tool, string? home, string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (home is not null)
        {
            info.Environment["HOME"] = home;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await error;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));
}
