using Diqing.Procurement.Domain.Notifications;
using Diqing.Procurement.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Diqing.Procurement.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.Subject).HasMaxLength(300).IsRequired();
        builder.Property(n => n.Detail).HasMaxLength(300);
        builder.Property(n => n.DedupKey).HasMaxLength(100).IsRequired();
        builder.HasIndex(n => new { n.UserId, n.DedupKey }).IsUnique();
        builder.HasIndex(n => new { n.UserId, n.ReadAtUtc, n.CreatedAtUtc });
    }
}
