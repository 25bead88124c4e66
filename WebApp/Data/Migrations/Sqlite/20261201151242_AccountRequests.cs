using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RazorReset.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedContent = table.Column<byte[]>(type: "BLOB", nullable: true),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    RetryAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountRequests_ProcessedAt",
                table: "AccountRequests",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AccountRequests_UserId_Outcome_RequestedAt",
                table: "AccountRequests",
                columns: new[] { "UserId", "Outcome", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountRequests");
        }
    }
}
