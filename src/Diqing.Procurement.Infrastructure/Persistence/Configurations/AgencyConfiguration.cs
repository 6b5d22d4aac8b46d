using Diqing.Procurement.Domain.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.Property(a => a.UnifiedSocialCreditCode).HasMaxLength(18).IsUnicode(false).IsRequired();
        builder.HasIndex(a => a.UnifiedSocialCreditCode).IsUnique();
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.LegalRepresentative).HasMaxLength(100);
        builder.Property(a => a.RegistrationAuthority).HasMaxLength(200);
        builder.Property(a => a.Address).HasMaxLength(300);
        builder.Property(a => a.ContactPerson).HasMaxLength(100);
        builder.Property(a => a.Phone).HasMaxLength(30);
        builder.Property(a => a.County).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(a => a.IsActive);
    }
}
