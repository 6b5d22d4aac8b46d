using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Diqing.Procurement.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// on PostgreSQL: installments remember when they became payable and their percent, an allocation its
    /// fiscal-year reason; the voucher register with its unique normalised number, filled from the payments already made.
    /// </summary>
    public partial class PaymentRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PayableFrom",
                table: "Installments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Percent",
                table: "Installments",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FiscalYearReason",
                table: "Allocations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PaymentVouchers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    NormalizedNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContractId = table.Column<int>(type: "integer", nullable: false),
                    InstallmentId = table.Column<int>(type: "integer", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentVouchers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentVouchers_Contracts_ContractId",
                        column: x => x.ContractId,
                        principalTable: "Contracts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentVouchers_Installments_InstallmentId",
                        column: x => x.InstallmentId,
                        principalTable: "Installments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentVouchers_ContractId",
                table: "PaymentVouchers",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentVouchers_InstallmentId",
                table: "PaymentVouchers",
                column: "InstallmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentVouchers_NormalizedNumber",
                table: "PaymentVouchers",
                column: "NormalizedNumber",
                unique: true);

            migrationBuilder.Sql("""
                INSERT INTO "PaymentVouchers" ("Number", "NormalizedNumber", "ContractId", "InstallmentId", "PaidOn", "RecordedAtUtc")
                SELECT btrim(d."VoucherNumber"), btrim(d."VoucherNumber"), a."ContractId", d."InstallmentId", d."PaidOn", now()
                FROM "Disbursements" d JOIN "Allocations" a ON a."Id" = d."AllocationId"
                WHERE d."Id" IN (SELECT MIN("Id") FROM "Disbursements" WHERE "InstallmentId" IS NOT NULL GROUP BY btrim("VoucherNumber"));
                """);

            migrationBuilder.Sql("""
                UPDATE "Installments" i SET "PayableFrom" = c."SignedOn" FROM "Contracts" c
                WHERE c."Id" = i."ContractId" AND i."Status" <> 'Pending' AND i."Condition" = 'OnSigning';
                UPDATE "Installments" i SET "PayableFrom" = CAST(m."ReportApprovedAtUtc" + interval '8 hours' AS date) FROM "Milestones" m
                WHERE m."Id" = i."MilestoneId" AND i."Status" <> 'Pending' AND i."Condition" = 'OnMilestoneApproval';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentVouchers");

            migrationBuilder.DropColumn(
                name: "PayableFrom",
                table: "Installments");

            migrationBuilder.DropColumn(
                name: "Percent",
                table: "Installments");

            migrationBuilder.DropColumn(
                name: "FiscalYearReason",
                table: "Allocations");
        }
    }
}
