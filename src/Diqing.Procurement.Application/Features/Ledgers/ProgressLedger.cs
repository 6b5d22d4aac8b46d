namespace Diqing.Procurement.Application.Features.Ledgers;

internal static class ProgressLedger
{
    public static Task<LedgerDocument> BuildAsync(LedgerContext context, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Follows in the next commit.");
}
