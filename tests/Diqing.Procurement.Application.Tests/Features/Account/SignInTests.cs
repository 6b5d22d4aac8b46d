using Diqing.Procurement.Application.Features.Account;
using Diqing.Procurement.Domain.Auditing;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.Infrastructure.Security;
using Diqing.Procurement.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Account;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly CountingHasher _hasher = new();
    private TestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await TestApp.CreateAsync(services =>
        {
            services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
            services.AddSingleton<IPasswordHasher<ApplicationUser>>(_hasher);
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(SignInOutcome Outcome, HttpContext Http)> AttemptAsync(string userName, string password)
    {
        await using var scope = _app.Scope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        accessor.HttpContext = http;
        return (await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(userName, password, rememberMe: false), http);
    }

    private async Task<SignInOutcome> SignInAsync(string userName, string password) => (await AttemptAsync(userName, password)).Outcome;

    private async Task<List<SignInOutcome>> FiveWrongThenRightAsync(string userName)
    {
        var outcomes = new List<SignInOutcome>();
        for (var i = 1; i <= 5; i++)
        {
            outcomes.Add(await SignInAsync(userName, "Wrong-password-" + i));
        }

        outcomes.Add(await SignInAsync(userName, TestApp.Password));
        return outcomes;
    }

    /// <summary>What every name sees: three plain failures, the warning, then the same failure (the account locks on the fifth).</summary>
    private static readonly SignInOutcome[] LockoutSequence =
    [
        SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.Failed, SignInOutcome.FailedOneAttemptLeft, SignInOutcome.Failed, SignInOutcome.Failed,
    ];

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_with_a_warning_before_the_last()
    {
        await _app.AddUserAsync("gesang", Roles.Judge);

        Assert.Equal(LockoutSequence, await FiveWrongThenRightAsync("gesang"));

        await using var db = await _app.DbAsync();
        var user = await db.Users.SingleAsync(u => u.UserName == "gesang");
        Assert.InRange(user.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        var events = await db.AuditEntries.Where(e => e.EntityType == SignInHandler.Subject && e.UserName == "gesang").Select(e => e.Action).ToListAsync();
        // Four plain failures, the fifth failure that locks, then the refused correct password.
        Assert.Equal(6, events.Count(a => a == AuditAction.LoginFailed));
        Assert.Equal(1, events.Count(a => a == AuditAction.LockedOut));
        Assert.DoesNotContain(AuditAction.LoginSucceeded, events);
    }

    [Fact]
    public async Task An_unknown_name_and_a_deactivated_account_answer_exactly_like_an_existing_one()
    {
        var user = await _app.AddUserAsync("lamu", Roles.Judge);
        await DeactivateAsync(user.Id);

        Assert.Equal(LockoutSequence, await FiveWrongThenRightAsync("nobody-here"));
        Assert.Equal(LockoutSequence, await FiveWrongThenRightAsync("lamu"));
        Assert.Equal(SignInOutcome.Failed, await SignInAsync("lamu", TestApp.Password));

        await using var db = await _app.DbAsync();
        var reasons = await db.AuditEntries.Where(e => e.Action == AuditAction.LoginFailed).Select(e => e.Changes).ToListAsync();
        Assert.Contains(reasons, r => r.Contains("UnknownUser"));
        Assert.Contains(reasons, r => r.Contains("Deactivated"));
    }

    [Fact]
    public async Task Every_failure_costs_one_password_hash_whether_or_not_the_account_exists()
    {
        // Timing: unknown, locked and deactivated accounts used to answer without hashing (45 ms against 460 ms).
        await _app.AddUserAsync("wrong-pw", Roles.Judge);
        var locked = await _app.AddUserAsync("locked", Roles.Judge);
        var deactivated = await _app.AddUserAsync("deactivated", Roles.Judge);
        await DeactivateAsync(deactivated.Id);
        await using (var scope = _app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        foreach (var name in new[] { "wrong-pw", "no-such-user", "locked", "deactivated" })
        {
            var before = _hasher.Verifications;
            Assert.Equal(SignInOutcome.Failed, await SignInAsync(name, "Wrong-password-1"));
            Assert.Equal(1, _hasher.Verifications - before);
        }
    }

    [Fact]
    public async Task A_hundred_thousand_character_user_name_reaches_the_log_capped()
    {
        var huge = new string('x', 100_000);

        Assert.Equal(SignInOutcome.Failed, await SignInAsync(huge, "whatever"));

        await using var db = await _app.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.LoginFailed);
        Assert.Equal(SignInHandler.MaxUserNameLength, entry.UserName!.Length);
        Assert.True(entry.Changes.Length < 200);
    }

    [Fact]
    public async Task Success_signs_in_and_is_an_audit_event()
    {
        await _app.AddUserAsync("dawa", Roles.Auditor);

        var (outcome, http) = await AttemptAsync("dawa", TestApp.Password);

        Assert.Equal(SignInOutcome.Succeeded, outcome);
        await using var db = await _app.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.LoginSucceeded && e.UserName == "dawa"));
        Assert.Contains("Identity.Application", http.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Administrator)]
    [InlineData(Roles.FinanceOfficer)]
    public async Task A_privileged_role_without_a_second_factor_is_sent_to_enrolment_not_signed_in(string role)
    {
        await _app.AddUserAsync("privileged", role);

        var (outcome, http) = await AttemptAsync("privileged", TestApp.Password);

        Assert.Equal(SignInOutcome.RequiresEnrolment, outcome);
        var cookies = http.Response.Headers.SetCookie.ToString();
        Assert.DoesNotContain("Identity.Application", cookies, StringComparison.Ordinal);
        Assert.Contains("Identity.TwoFactorUserId", cookies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_account_with_a_second_factor_must_give_its_code()
    {
        var user = await _app.AddUserAsync("careful", Roles.Judge);
        await using (var scope = _app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var loaded = (await users.FindByIdAsync(user.Id))!;
            await users.ResetAuthenticatorKeyAsync(loaded);
            await users.SetTwoFactorEnabledAsync(loaded, true);
        }

        var (outcome, http) = await AttemptAsync("careful", TestApp.Password);

        Assert.Equal(SignInOutcome.RequiresTwoFactor, outcome);
        Assert.DoesNotContain("Identity.Application", http.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);

        // The authenticator key and the recovery codes never reach the audit log.
        await using var db = await _app.DbAsync();
        var tokenEntries = await db.AuditEntries.Where(e => e.EntityType.StartsWith("IdentityUserToken")).Select(e => e.Changes).ToListAsync();
        Assert.True(tokenEntries.Count > 0, string.Join(", ", await db.AuditEntries.Select(e => e.EntityType).Distinct().ToListAsync()));
        var key = await db.UserTokens.Where(t => t.UserId == user.Id).Select(t => t.Value).SingleAsync();
        Assert.All(tokenEntries, c => Assert.DoesNotContain(key!, c, StringComparison.Ordinal));
    }

    private async Task DeactivateAsync(string userId)
    {
        await using var scope = _app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var loaded = (await users.FindByIdAsync(userId))!;
        loaded.IsDeactivated = true;
        await users.UpdateAsync(loaded);
    }

    private sealed class CountingHasher : PasswordHasher<ApplicationUser>
    {
        private int _verifications;

        public int Verifications => _verifications;

        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
