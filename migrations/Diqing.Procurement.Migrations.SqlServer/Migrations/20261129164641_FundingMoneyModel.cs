using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FundingMoneyModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "FundingSources",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Allocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FundingSourceId = table.Column<int>(type: "int", nullable: false),
                    ContractId = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allocations", x => x.Id);
                    table.CheckConstraint("CK_Allocations_Amount", "Amount > 0");
                    table.ForeignKey(
                        name: "FK_Allocations_FundingSources_FundingSourceId",
                        column: x => x.FundingSourceId,
                        principalTable: "FundingSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Disbursements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AllocationId = table.Column<int>(type: "int", nullable: false),
                    VoucherNumber = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    InstallmentId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disbursements", x => x.Id);
                    table.CheckConstraint("CK_Disbursements_Amount", "Amount > 0");
                    table.ForeignKey(
                        name: "FK_Disbursements_Allocations_AllocationId",
                        column: x => x.AllocationId,
                        principalTable: "Allocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_FundingSources_Amount",
                table: "FundingSources",
                sql: "Amount > 0");

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_ContractId",
                table: "Allocations",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_FundingSourceId",
                table: "Allocations",
                column: "FundingSourceId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_AllocationId",
                table: "Disbursements",
                column: "AllocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_InstallmentId",
                table: "Disbursements",
                column: "InstallmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_PaidOn",
                table: "Disbursements",
                column: "PaidOn");

            migrationBuilder.CreateIndex(
                name: "IX_Disbursements_VoucherNumber",
                table: "Disbursements",
                column: "VoucherNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Disbursements");

            migrationBuilder.DropTable(
                name: "Allocations");

            migrationBuilder.DropCheckConstraint(
                name: "CK_FundingSources_Amount",
                table: "FundingSources");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "FundingSources");
        }
    }
}
