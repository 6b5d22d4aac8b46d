using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// List indexes on PostgreSQL: contract filters ordered by number, and the audit log by entity type (docs/performance.md).
    /// </summary>
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_AgencyId",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Status",
                table: "Contracts");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_AgencyId_Year_SequenceNumber",
                table: "Contracts",
                columns: new[] { "AgencyId", "Year", "SequenceNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Amount",
                table: "Contracts",
                column: "Amount");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_County_Year_SequenceNumber",
                table: "Contracts",
                columns: new[] { "County", "Year", "SequenceNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_EndOn",
                table: "Contracts",
                column: "EndOn");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Method_Year_SequenceNumber",
                table: "Contracts",
                columns: new[] { "Method", "Year", "SequenceNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Status_Year_SequenceNumber",
                table: "Contracts",
                columns: new[] { "Status", "Year", "SequenceNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Title",
                table: "Contracts",
                column: "Title");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_Id",
                table: "AuditEntries",
                columns: new[] { "EntityType", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contracts_AgencyId_Year_SequenceNumber",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Amount",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_County_Year_SequenceNumber",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_EndOn",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Method_Year_SequenceNumber",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Status_Year_SequenceNumber",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_Contracts_Title",
                table: "Contracts");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_Id",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_AgencyId",
                table: "Contracts",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Contracts_Status",
                table: "Contracts",
                column: "Status");
        }
    }
}
