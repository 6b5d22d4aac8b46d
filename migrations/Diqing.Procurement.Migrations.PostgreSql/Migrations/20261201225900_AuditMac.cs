using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// R-31 on PostgreSQL: the hash columns become MAC columns with a key id; the update trigger lets only the one-time
    /// re-chain seal entries that have no key yet (AuditChainUpgrade), every other UPDATE stays refused.
    /// </summary>
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
                type: "character varying(32)",
                unicode: false,
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                CREATE FUNCTION "AuditEntries_SealOnce"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."KeyId" <> '' OR NEW."KeyId" = ''
                       OR NEW."Id" IS DISTINCT FROM OLD."Id" OR NEW."OccurredAtUtc" IS DISTINCT FROM OLD."OccurredAtUtc"
                       OR NEW."UserId" IS DISTINCT FROM OLD."UserId" OR NEW."UserName" IS DISTINCT FROM OLD."UserName"
                       OR NEW."Action" IS DISTINCT FROM OLD."Action" OR NEW."EntityType" IS DISTINCT FROM OLD."EntityType"
                       OR NEW."EntityKey" IS DISTINCT FROM OLD."EntityKey" OR NEW."Changes" IS DISTINCT FROM OLD."Changes" THEN
                        RAISE EXCEPTION 'The audit log is append-only.' USING ERRCODE = 'P0001';
                    END IF;
                    RETURN NEW;
                END;
                $$;
                """);

            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate" ON "AuditEntries";""");

            migrationBuilder.Sql("""CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION "AuditEntries_SealOnce"();""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEntries_NoUpdate" ON "AuditEntries";""");

            migrationBuilder.Sql("""CREATE TRIGGER "AuditEntries_NoUpdate" BEFORE UPDATE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION "AuditEntries_AppendOnly"();""");

            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditEntries_SealOnce"();""");

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
