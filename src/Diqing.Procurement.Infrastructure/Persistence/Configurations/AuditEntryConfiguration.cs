using Diqing.Procurement.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        // Database triggers refuse UPDATE and DELETE (see the Initial migrations); EF must know they exist.
        builder.ToTable(t =>
        {
            t.HasTrigger("AuditEntries_NoUpdate");
            t.HasTrigger("AuditEntries_NoDelete");
        });

        // The id is the position in the MAC chain, assigned by the interceptor, never by the database.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Changes).IsRequired();
        builder.Property(e => e.UserName).HasMaxLength(AuditEntry.MaxUserNameLength);
        builder.Property(e => e.EntityKey).HasMaxLength(AuditEntry.MaxEntityKeyLength);
        // Entries from before R-31 carry the legacy key id '' until the one-time re-chain (AuditChainUpgrade) seals them.
        builder.Property(e => e.KeyId).HasMaxLength(32).IsUnicode(false).IsRequired();
        builder.Property(e => e.PreviousMac).HasMaxLength(64).IsUnicode(false).IsFixedLength().IsRequired();
        builder.Property(e => e.Mac).HasMaxLength(64).IsUnicode(false).IsFixedLength().IsRequired();

        // Filters of the audit page; each ends on Id so paging "newest first" can use the index.
        builder.HasIndex(e => e.OccurredAtUtc);
        builder.HasIndex(e => new { e.UserName, e.Id });
        builder.HasIndex(e => new { e.EntityType, e.Action, e.Id });
        builder.HasIndex(e => new { e.EntityType, e.Id });
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasIndex(e => new { e.EntityType, e.EntityKey });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastMac).HasMaxLength(64).IsUnicode(false).IsFixedLength().IsRequired();
        builder.Property(h => h.Version).IsConcurrencyToken();
        builder.HasData(new { Id = AuditChainHead.SingletonId, LastEntryId = 0L, LastMac = AuditEntry.GenesisMac, Version = 0L });
    }
}
