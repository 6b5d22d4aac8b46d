using System.Text.Json;
using Diqing.Procurement.Domain.Agencies;
using Diqing.Procurement.Domain.Common;
using Diqing.Procurement.Domain.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class PurchaseContractConfiguration : IEntityTypeConfiguration<PurchaseContract>
{
    public void Configure(EntityTypeBuilder<PurchaseContract> builder)
    {
        builder.Property(c => c.Number).HasMaxLength(20).IsUnicode(false).IsRequired();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.Year, c.SequenceNumber }).IsUnique();
        builder.Property(c => c.Title).HasMaxLength(200).IsRequired();
        builder.Property(c => c.PurchasingUnit).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.County).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SuspendedFrom).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Townships).HasMaxLength(300);
        builder.Property(c => c.TermJustification).HasMaxLength(1000);
        builder.Property(c => c.Description).HasMaxLength(4000);
        builder.Property(c => c.StatusReason).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        // The contract list (docs/performance.md). Its filters, each followed by the default order (newest number
        // first), so a filtered page is an index walk and its count an index range; AgencyId's also serves the foreign
        // key and an agency user's own list.
        builder.HasIndex(c => new { c.Status, c.Year, c.SequenceNumber });
        builder.HasIndex(c => new { c.AgencyId, c.Year, c.SequenceNumber });
        builder.HasIndex(c => new { c.County, c.Year, c.SequenceNumber });
        builder.HasIndex(c => new { c.Method, c.Year, c.SequenceNumber });

        // Its other orders: each index ends on the key implicitly (SQLite's rowid, SQL Server's clustered key), so
        // "ORDER BY x, Id LIMIT 20" is an index walk. SQLite orders amounts through an expression index instead
        // (ContractSearch migration): its decimals are text. Text search uses that migration's trigram index.
        builder.HasIndex(c => c.EndOn);
        builder.HasIndex(c => c.Title);
        builder.HasIndex(c => c.Amount);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);

        // Small value lists are stored in one column each: "Elderly,Disabled" and a JSON array.
        builder.Property<List<TargetGroup>>("_targetGroups").HasColumnName("TargetGroups").HasMaxLength(200)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<TargetGroup>).ToList(),
                new ValueComparer<List<TargetGroup>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, g) => HashCode.Combine(h, g)), v => v.ToList()));
        builder.Ignore(c => c.TargetGroups);
        builder.Property<List<PerformanceIndicator>>("_indicators").HasColumnName("Indicators")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<PerformanceIndicator>>(v, JsonSerializerOptions.Default) ?? new List<PerformanceIndicator>(),
                new ValueComparer<List<PerformanceIndicator>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, i) => HashCode.Combine(h, i)), v => v.ToList()));
        builder.Ignore(c => c.Indicators);

        builder.HasMany(c => c.Milestones).WithOne().HasForeignKey(m => m.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Milestones).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Installments).WithOne().HasForeignKey(i => i.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Installments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsOne(c => c.Evaluation, e =>
        {
            e.Property(x => x.Score).HasPrecision(5, 1);
            e.Property(x => x.Evaluator).HasMaxLength(100);
            e.Property(x => x.Comments).HasMaxLength(2000);
            e.Ignore(x => x.Grade);
        });
        builder.Ignore(c => c.ScheduledTotal);
        builder.Ignore(c => c.PaidTotal);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(100).IsRequired();
        builder.Property(m => m.Deliverables).HasMaxLength(2000);
        builder.HasIndex(m => m.DueOn);
        builder.Ignore(m => m.IsReportApproved);
    }
}

internal sealed class InstallmentConfiguration : IEntityTypeConfiguration<Installment>
{
    public void Configure(EntityTypeBuilder<Installment> builder)
    {
        builder.Property(i => i.Label).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Condition).HasConversion<string>().HasMaxLength(30);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.WaiverReason).HasMaxLength(1000);
        builder.HasOne(i => i.Milestone).WithMany().HasForeignKey(i => i.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Percent).HasPrecision(9, 4);
        builder.Ignore(i => i.Outstanding);
        builder.Ignore(i => i.IsPayable);
        builder.Ignore(i => i.IsWaivable);
    }
}

internal sealed class ContractNumberSequenceConfiguration : IEntityTypeConfiguration<ContractNumberSequence>
{
    public void Configure(EntityTypeBuilder<ContractNumberSequence> builder)
    {
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
        builder.Property(s => s.Last).IsConcurrencyToken();
    }
}
