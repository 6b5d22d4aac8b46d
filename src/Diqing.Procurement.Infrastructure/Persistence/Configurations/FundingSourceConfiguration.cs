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
        builder.HasIndex(f => new { f.Kind, f.FiscalYear });
    }
}
