using Diqing.Procurement.Application.Features.Disclosure;
using Diqing.Procurement.Application.Tests.Features.Announcements;
using Diqing.Procurement.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Diqing.Procurement.Application.Tests.Features.Disclosure;

public sealed class ListPublicContractsTests : IAsyncLifetime
{
    private AnnouncementYear _year = null!;

    public async Task InitializeAsync() => _year = await AnnouncementYear.CreateAsync();

    public async Task DisposeAsync() => await _year.App.DisposeAsync();

    [Fact]
    public async Task Signed_contracts_are_public_with_the_R33_fields_and_drafts_never()
    {
        var rows = await _year.App.Scope().ServiceProvider.GetRequiredService<ListPublicContractsHandler>().HandleAsync();

        await using var db = await _year.App.DbAsync();
        var draftNumber = await db.Contracts.Where(c => c.Id == _year.DraftId).Select(c => c.Number).SingleAsync();
        Assert.DoesNotContain(rows, r => r.Number == draftNumber);
        var row = Assert.Single(rows);
        Assert.Equal((_year.ContractNumber, "测试社会工作服务中心", ProcurementMethod.CompetitiveConsultation, 300_000m, ContractStatus.Signed),
            (row.Number, row.Provider, row.Method, row.Amount, row.Status));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), new DateOnly(2026, 1, 5)), (row.StartOn, row.EndOn, row.SignedOn));
        Assert.Null(row.Grade);
    }
}
