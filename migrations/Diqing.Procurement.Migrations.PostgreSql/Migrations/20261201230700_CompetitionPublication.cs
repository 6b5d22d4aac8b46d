using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Diqing.Procurement.Migrations.PostgreSql.Migrations
{
    /// <summary>
    /// R-28 on PostgreSQL: when the results were published, and the reason for publishing before judging was complete.
    /// </summary>
    public partial class CompetitionPublication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EarlyPublicationReason",
                table: "Competitions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResultsPublishedAtUtc",
                table: "Competitions",
                type: "timestamp with time zone",
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
