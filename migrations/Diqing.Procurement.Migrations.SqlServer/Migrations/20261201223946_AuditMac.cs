using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.SqlServer.Migrations
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
                type: "varchar(32)",
                unicode: false,
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // the one-time re-chain (AuditChainUpgrade) may set the key id and MACs of entries still without a key
            // (KeyId ''), and nothing else; every other UPDATE stays refused. INSTEAD OF: the trigger performs the allowed update.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_NoUpdate];");
            // CREATE TRIGGER must start a batch; in the idempotent script it stands inside IF ... BEGIN, so it runs through EXEC.
            migrationBuilder.Sql("""
                EXEC(N'CREATE TRIGGER [AuditEntries_NoUpdate] ON [AuditEntries] INSTEAD OF UPDATE AS
                BEGIN
                    SET NOCOUNT ON;
                    IF EXISTS (SELECT 1 FROM deleted WHERE [KeyId] <> '''')
                       OR EXISTS (SELECT 1 FROM inserted WHERE [KeyId] = '''')
                       OR EXISTS (SELECT [Id], [OccurredAtUtc], [UserId], [UserName], [Action], [EntityType], [EntityKey], [Changes] FROM inserted
                                  EXCEPT SELECT [Id], [OccurredAtUtc], [UserId], [UserName], [Action], [EntityType], [EntityKey], [Changes] FROM deleted)
                        THROW 50001, ''The audit log is append-only.'', 1;
                    UPDATE e SET e.[KeyId] = i.[KeyId], e.[PreviousMac] = i.[PreviousMac], e.[Mac] = i.[Mac]
                    FROM [AuditEntries] e JOIN inserted i ON i.[Id] = e.[Id];
                END;');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_NoUpdate];");
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [AuditEntries_NoUpdate] ON [AuditEntries] INSTEAD OF UPDATE AS BEGIN SET NOCOUNT ON; THROW 50001, ''The audit log is append-only.'', 1; END;');");

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
        }
    }
}
