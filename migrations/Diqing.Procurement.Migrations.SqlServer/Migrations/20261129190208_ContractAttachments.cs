using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ContractAttachments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "ReportId",
                table: "Attachments",
                type: "int",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "int");

            migrationBuilder.AddColumn<int>(
                name: "ContractId",
                table: "Attachments",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EntryId",
                table: "Attachments",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_ContractId",
                table: "Attachments",
                column: "ContractId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_EntryId",
                table: "Attachments",
                column: "EntryId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Attachments_OneOwner",
                table: "Attachments",
                sql: "(CASE WHEN ReportId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ContractId IS NULL THEN 0 ELSE 1 END) + (CASE WHEN EntryId IS NULL THEN 0 ELSE 1 END) = 1");

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_CompetitionEntries_EntryId",
                table: "Attachments",
                column: "EntryId",
                principalTable: "CompetitionEntries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_Contracts_ContractId",
                table: "Attachments",
                column: "ContractId",
                principalTable: "Contracts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_CompetitionEntries_EntryId",
                table: "Attachments");

            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_Contracts_ContractId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_ContractId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_EntryId",
                table: "Attachments");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Attachments_OneOwner",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "ContractId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "EntryId",
                table: "Attachments");

            migrationBuilder.AlterColumn<int>(
                name: "ReportId",
                table: "Attachments",
                type: "int",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "int",
                oldNullable: true);
        }
    }
}
