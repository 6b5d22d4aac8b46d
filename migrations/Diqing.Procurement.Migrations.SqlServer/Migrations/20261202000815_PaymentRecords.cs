using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
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
                type: "decimal(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FiscalYearReason",
                table: "Allocations",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PaymentVouchers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Number = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    NormalizedNumber = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ContractId = table.Column<int>(type: "int", nullable: false),
                    InstallmentId = table.Column<int>(type: "int", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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

            // Existing payments: one voucher per distinct number (the first payment that used it), and the day each
            // settled or payable installment became payable (its signing, or its milestone's approval, China date).
            // Numbers are compared trimmed here; NFKC normalisation applies to every payment recorded from now on.
            migrationBuilder.Sql("""
                INSERT INTO PaymentVouchers (Number, NormalizedNumber, ContractId, InstallmentId, PaidOn, RecordedAtUtc)
                SELECT LTRIM(RTRIM(d.VoucherNumber)), LTRIM(RTRIM(d.VoucherNumber)), a.ContractId, d.InstallmentId, d.PaidOn, SYSUTCDATETIME()
                FROM Disbursements d JOIN Allocations a ON a.Id = d.AllocationId
                WHERE d.Id IN (SELECT MIN(Id) FROM Disbursements WHERE InstallmentId IS NOT NULL GROUP BY LTRIM(RTRIM(VoucherNumber)));
                """);
            migrationBuilder.Sql("""
                UPDATE i SET PayableFrom = c.SignedOn FROM Installments i JOIN Contracts c ON c.Id = i.ContractId
                WHERE i.Status <> 'Pending' AND i.Condition = 'OnSigning';
                UPDATE i SET PayableFrom = CAST(DATEADD(hour, 8, m.ReportApprovedAtUtc) AS date) FROM Installments i JOIN Milestones m ON m.Id = i.MilestoneId
                WHERE i.Status <> 'Pending' AND i.Condition = 'OnMilestoneApproval';
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
