using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Domain.Competitions;
using Diqing.Procurement.Domain.Security;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Competitions;

public sealed record ReopenScoreSheetCommand(int SheetId, string Reason);

/// <summary>R-20: only an Administrator reopens a submitted sheet, with a reason (the change is audited).</summary>
public sealed class ReopenScoreSheetHandler(IDbContextFactory<ProcurementDbContext> dbFactory, ICurrentUser currentUser)
{
    public async Task HandleAsync(ReopenScoreSheetCommand command, CancellationToken cancellationToken = default)
    {
        currentUser.Demand(Roles.Administrator);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sheet = await db.ScoreSheets.SingleOrDefaultAsync(s => s.Id == command.SheetId, cancellationToken)
            ?? throw new NotFoundException(nameof(ScoreSheet), command.SheetId);
        sheet.Reopen(command.Reason);
        await db.SaveOrRefuseAsync("Error.Concurrency", cancellationToken);
    }
}
