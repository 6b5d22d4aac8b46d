using Diqing.Procurement.Application.Common;
using Diqing.Procurement.Application.Features.Attachments;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Reports;
using Diqing.Procurement.Infrastructure.Files;
using Diqing.Procurement.Infrastructure.Persistence;
using Diqing.Procurement.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace Diqing.Procurement.Application.Features.Contracts;

/// <summary>
/// Documents of a contract (the signed contract, tender documents, budgets): uploaded and removed by contract editors
/// until the contract is closed or terminated, read by whoever may read the contract. Same limits as report files.
/// </summary>
public sealed class AttachContractDocumentsHandler(
    IDbContextFactory<ProcurementDbContext> dbFactory,
    ICurrentUser currentUser,
    IFileStore files,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AttachmentInfo>> ListAsync(int contractId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Contracts.AsNoTracking().Visible(currentUser).AnyAsync(c => c.Id == contractId, cancellationToken))
        {
            throw new NotFoundException(nameof(PurchaseContract), contractId);
        }

        return await AttachmentInfo.List(db.Attachments.AsNoTracking().Where(a => a.ContractId == contractId)).ToListAsync(cancellationToken);
    }

    public async Task<AttachmentInfo> UploadAsync(int contractId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await DemandOpenAsync(db, contractId, cancellationToken);
        return await AttachmentIntake.AddAsync(db, files, db.Attachments.Where(a => a.ContractId == contractId), content, (size, kind, sha256, key) =>
            Attachment.ForContract(contractId, fileName, size, kind, sha256, key, currentUser.UserName!, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public async Task DeleteAsync(Guid attachmentId, CancellationToken cancellationToken = default)
    {
        currentUser.DemandAny(ContractAccess.RolesFor(ContractAction.ChangeDocuments, ContractStatus.Draft));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.SingleOrDefaultAsync(a => a.Id == attachmentId && a.ContractId != null, cancellationToken)
            ?? throw new NotFoundException(nameof(Attachment), attachmentId);
        await DemandOpenAsync(db, attachment.ContractId!.Value, cancellationToken);
        await AttachmentIntake.RemoveAsync(db, files, attachment, cancellationToken);
    }

    private async Task DemandOpenAsync(ProcurementDbContext db, int contractId, CancellationToken cancellationToken)
    {
        var status = await db.Contracts.AsNoTracking().Visible(currentUser).Where(c => c.Id == contractId)
            .Select(c => (ContractStatus?)c.Status).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(nameof(PurchaseContract), contractId);
        currentUser.DemandAny(ContractAccess.RolesFor(ContractAction.ChangeDocuments, status));
        if (!PurchaseContract.Allows(status, ContractAction.ChangeDocuments))
        {
            throw new DomainException("Attachment.ContractFinished");
        }
    }
}
