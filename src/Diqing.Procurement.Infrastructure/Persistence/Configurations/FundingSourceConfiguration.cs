using Diqing.Procurement.Domain.Contracts;
using Diqing.Procurement.Domain.Funding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class FundingSourceConfiguration : IEntityTypeConfiguration<FundingSource>
{
    public void Configure(EntityTypeBuilder<FundingSource> builder)
    {
        builder.Property(f => f.Name).HasMaxLength(200).IsRequired();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.FiscalLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(f => f.Grantor).HasMaxLength(200);
        builder.Property(f => f.DocumentNumber).HasMaxLength(100).IsRequired();
        builder.Property(f => f.Notes).HasMaxLength(2000);

        // a save based on a stale balance is refused (the domain bumps Version on every money change).
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => new { f.Kind, f.FiscalYear });
        builder.HasMany(f => f.Allocations).WithOne(a => a.FundingSource).HasForeignKey(a => a.FundingSourceId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(f => f.Allocations).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(f => f.Allocated);
        builder.Ignore(f => f.Disbursed);
        builder.Ignore(f => f.Available);
        builder.ToTable(t => t.HasCheckConstraint("CK_FundingSources_Amount", "Amount > 0"));
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> builder)
    {
        builder.HasOne<PurchaseContract>().WithMany().HasForeignKey(a => a.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.AdjustmentReason).HasMaxLength(1000);
        builder.Property(a => a.FiscalYearReason).HasMaxLength(1000);
        builder.HasMany(a => a.Disbursements).WithOne(d => d.Allocation).HasForeignKey(d => d.AllocationId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Disbursements).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.Disbursed);
        builder.Ignore(a => a.Undisbursed);
        builder.ToTable(t => t.HasCheckConstraint("CK_Allocations_Amount", "Amount > 0"));
    }
}

/// <summary>R-27: the database refuses a second payment with the same (normalised) voucher number, whoever wins the race.</summary>
internal sealed class PaymentVoucherConfiguration : IEntityTypeConfiguration<PaymentVoucher>
{
    public void Configure(EntityTypeBuilder<PaymentVoucher> builder)
    {
        builder.Property(v => v.Number).HasMaxLength(PaymentVoucher.MaxLength).IsRequired();
        builder.Property(v => v.NormalizedNumber).HasMaxLength(PaymentVoucher.MaxLength).IsRequired();
        builder.HasIndex(v => v.NormalizedNumber).IsUnique();
        builder.HasOne<PurchaseContract>().WithMany().HasForeignKey(v => v.ContractId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Installment>().WithMany().HasForeignKey(v => v.InstallmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> builder)
    {
        builder.Property(d => d.VoucherNumber).HasMaxLength(50).IsRequired();
        builder.HasIndex(d => d.VoucherNumber);
        builder.HasIndex(d => d.PaidOn);
        builder.HasOne<Installment>().WithMany().HasForeignKey(d => d.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("CK_Disbursements_Amount", "Amount > 0"));
    }
}
