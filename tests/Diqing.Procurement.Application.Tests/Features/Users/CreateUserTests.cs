using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Users;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Identity;
using Diqing.Procurement.TestSupport;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Users;

public sealed class CreateUserTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private int _agencyId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.CreateAsync();
        _agencyId = await _app.AddAgencyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static CreateUserCommand Command(string role = Roles.AgencyUser, int? agencyId = null, string password = "Abcdefgh12") => new()
    {
        UserName = "zhuoma",
        DisplayName = "卓玛",
        Role = role,
        AgencyId = agencyId,
        Password = password,
    };

    [Fact]
    public async Task Administrator_creates_an_agency_user_bound_to_one_agency()
    {
        var id = await _app.As<CreateUserHandler>(Roles.Administrator).HandleAsync(Command(agencyId: _agencyId));

        await using var scope = _app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(id);
        Assert.NotNull(user);
        Assert.Equal(_agencyId, user.AgencyId);
        Assert.True(await users.IsInRoleAsync(user, Roles.AgencyUser));
        Assert.True(await users.CheckPasswordAsync(user, "Abcdefgh12"));
    }

    [Theory]
    [InlineData(Roles.ProcurementOfficer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.AgencyUser)]
    public async Task Only_administrators_create_users(string role) =>
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => _app.As<CreateUserHandler>(role).HandleAsync(Command(agencyId: _agencyId)));

    [Theory]
    [InlineData("short1A")]
    [InlineData("alllowercase1")]
    [InlineData("ALLUPPERCASE1")]
    [InlineData("NoDigitsHere")]
    public async Task Weak_passwords_are_refused_before_anything_is_saved(string password)
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            _app.As<CreateUserHandler>(Roles.Administrator).HandleAsync(Command(Roles.Judge, password: password)));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(CreateUserCommand.Password));
    }

    [Fact]
    public async Task An_agency_user_needs_an_agency_and_others_may_not_have_one()
    {
        var handler = _app.As<CreateUserHandler>(Roles.Administrator);
        var missing = await Assert.ThrowsAsync<ValidationException>(() => handler.HandleAsync(Command(Roles.AgencyUser, agencyId: null)));
        var extra = await Assert.ThrowsAsync<ValidationException>(() => handler.HandleAsync(Command(Roles.Judge, agencyId: _agencyId)));
        Assert.Contains(missing.Errors, e => e.PropertyName == nameof(CreateUserCommand.AgencyId));
        Assert.Contains(extra.Errors, e => e.PropertyName == nameof(CreateUserCommand.AgencyId));
    }

    [Fact]
    public async Task Validation_messages_are_chinese_by_default_and_english_on_request()
    {
        var validator = _app.Services.CreateScope().ServiceProvider.GetRequiredService<IValidator<CreateUserCommand>>();
        var command = Command(Roles.AgencyUser, agencyId: null);
        string Message() => validator.Validate(command).Errors.Single(e => e.PropertyName == nameof(CreateUserCommand.AgencyId)).ErrorMessage;

        using (new CultureScope("zh-CN"))
        {
            Assert.Equal("承接机构用户必须属于一个承接机构。", Message());
        }

        using (new CultureScope("en-US"))
        {
            Assert.Equal("An agency user must belong to an agency.", Message());
        }
    }

    [Fact]
    public async Task A_taken_user_name_is_refused()
    {
        await _app.AddUserAsync("zhuoma", Roles.Judge);
        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<CreateUserHandler>(Roles.Administrator).HandleAsync(Command(agencyId: _agencyId)));
        Assert.Equal("User.UserNameTaken", ex.Code);
    }

    [Fact]
    public async Task Unknown_agency_is_refused()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => _app.As<CreateUserHandler>(Roles.Administrator).HandleAsync(Command(agencyId: 999)));
        Assert.Equal("User.AgencyNotFound", ex.Code);
    }
}
