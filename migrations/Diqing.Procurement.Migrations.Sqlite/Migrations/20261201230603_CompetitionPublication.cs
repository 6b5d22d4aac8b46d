using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CompetitionPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EarlyPublicationReason",
                table: "Competitions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResultsPublishedAtUtc",
                table: "Competitions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EarlyPublicationReason",
                table: "Competitions");

            migrationBuilder.DropColumn(
                name: "ResultsPublishedAtUtc",
                table: "Competitions");
        }
    }
}
