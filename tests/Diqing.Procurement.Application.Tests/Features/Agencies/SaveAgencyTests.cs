using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Agencies;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.TestSupport;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Tests.Features.Agencies;

public sealed class SaveAgencyTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.CreateAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static SaveAgencyCommand Command(string uscc = "52533422mjd000001f") => new()
    {
        Name = "德钦县社会工作服务中心",
        UnifiedSocialCreditCode = uscc,
        County = County.Deqin,
        ContactPerson = "扎西",
        Phone = "13908871234",
    };

    private SaveAgencyHandler Save(string role = Roles.ProcurementOfficer) => _app.As<SaveAgencyHandler>(role);

    [Fact]
    public async Task An_officer_registers_an_agency_with_the_code_stored_upper_case()
    {
        var id = await Save().HandleAsync(Command());

        await using var db = await _app.DbAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Id == id);
        Assert.Equal("52533422MJD000001F", agency.UnifiedSocialCreditCode);
        Assert.Equal(AgencyStatus.Active, agency.Status);
    }

    [Fact]
    public async Task R04_a_code_is_unique_among_agencies_whatever_its_case()
    {
        await Save().HandleAsync(Command("52533422MJD000001F"));

        var ex = await Assert.ThrowsAsync<DomainException>(() => Save(Roles.Administrator).HandleAsync(Command("52533422mjd000001f")));

        Assert.Equal("Agency.UsccTaken", ex.Code);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_code_leave_exactly_one_agency()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                await Save().HandleAsync(Command());
                return true;
            }
            catch (DomainException ex) when (ex.Code == "Agency.UsccTaken")
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(r => r));
        await using var db = await _app.DbAsync();
        Assert.Equal(1, await db.Agencies.CountAsync());
    }

    [Theory]
    [InlineData("52533422MJD00001F", "18 位")]
    [InlineData("52533422MJO000001F", "第 11 位字符不合法")]
    [InlineData("52533422MJD0000010", "校验码")]
    public async Task A_bad_code_is_refused_with_a_precise_chinese_message(string code, string expected)
    {
        using var _ = new CultureScope("zh-CN");
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(Command(code)));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(SaveAgencyCommand.UnifiedSocialCreditCode) && e.ErrorMessage.Contains(expected));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0887-82")]
    [InlineData("23908871234")]
    public async Task A_bad_phone_number_is_refused(string phone)
    {
        var command = Command();
        command.Phone = phone;
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(command));
        Assert.Contains(ex.Errors, e => e.PropertyName == nameof(SaveAgencyCommand.Phone));
    }

    [Theory]
    [InlineData("德钦县\u202E心中务服")]
    [InlineData("德钦县\u200B社会工作服务中心")]
    [InlineData("德钦县\0社会工作服务中心")]
    public async Task R30_a_name_with_hidden_characters_is_refused_by_the_form_rule(string name)
    {
        var command = Command();
        command.Name = name;
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Save().HandleAsync(command));
        Assert.Contains(ex.Errors, e => e.ErrorMessage.Contains("不可见的格式字符", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.FinanceOfficer)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.AgencyUser)]
    [InlineData(Roles.Judge)]
    public async Task Only_procurement_officers_and_administrators_register_agencies(string role)
    {
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => Save(role).HandleAsync(Command()));
        await using var db = await _app.DbAsync();
        Assert.Equal(0, await db.Agencies.CountAsync());
    }

    [Fact]
    public async Task Editing_keeps_the_record_and_changes_the_data()
    {
        var id = await Save().HandleAsync(Command());
        var edit = Command();
        edit.Id = id;
        edit.Phone = "0887-8412001";
        edit.County = County.Weixi;

        Assert.Equal(id, await Save().HandleAsync(edit));

        await using var db = await _app.DbAsync();
        var agency = await db.Agencies.SingleAsync();
        Assert.Equal(County.Weixi, agency.County);
        Assert.Equal("0887-8412001", agency.Phone);
    }
}
