using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RazorReset.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResetCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ResetCodes",
                columns: table => new
                {
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Verifier = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResetCodes", x => x.RequestId);
                });

            migrationBuilder.InsertData(
                table: "ResetCodes",
                columns: new[] { "RequestId", "Attempts", "ExpiresAt", "UserId", "Verifier" },
                values: new object[] { 0L, 0, new DateTime(9999, 12, 31, 0, 0, 0, 0, DateTimeKind.Utc), null, null });

            migrationBuilder.CreateIndex(
                name: "IX_ResetCodes_UserId",
                table: "ResetCodes",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResetCodes");
        }
    }
}
