using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditMac : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "PreviousHash",
                table: "AuditEntries",
                newName: "PreviousMac");

            migrationBuilder.RenameColumn(
                name: "Hash",
                table: "AuditEntries",
                newName: "Mac");

            migrationBuilder.RenameColumn(
                name: "LastHash",
                table: "AuditChainHeads",
                newName: "LastMac");

            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "AuditEntries",
                type: "TEXT",
                unicode: false,
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // the one-time re-chain (AuditChainUpgrade) may set the key id and MACs of entries still without a key
            // (KeyId ''), and nothing else; every other UPDATE stays refused.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            migrationBuilder.Sql(
                "CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries " +
                "WHEN OLD.KeyId <> '' OR NEW.KeyId = '' OR NEW.Id IS NOT OLD.Id OR NEW.OccurredAtUtc IS NOT OLD.OccurredAtUtc " +
                "OR NEW.UserId IS NOT OLD.UserId OR NEW.UserName IS NOT OLD.UserName OR NEW.Action IS NOT OLD.Action " +
                "OR NEW.EntityType IS NOT OLD.EntityType OR NEW.EntityKey IS NOT OLD.EntityKey OR NEW.Changes IS NOT OLD.Changes " +
                "BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");

            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "AuditEntries");

            migrationBuilder.RenameColumn(
                name: "PreviousMac",
                table: "AuditEntries",
                newName: "PreviousHash");

            migrationBuilder.RenameColumn(
                name: "Mac",
                table: "AuditEntries",
                newName: "Hash");

            migrationBuilder.RenameColumn(
                name: "LastMac",
                table: "AuditChainHeads",
                newName: "LastHash");

            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoDelete;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;");
        }
    }
}
