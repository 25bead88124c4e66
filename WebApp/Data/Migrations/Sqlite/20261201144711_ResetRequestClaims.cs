using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RazorReset.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResetRequestClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimId",
                table: "ResetRequests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResetRequests_ClaimId",
                table: "ResetRequests",
                column: "ClaimId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResetRequests_ClaimId",
                table: "ResetRequests");

            migrationBuilder.DropColumn(
                name: "ClaimId",
                table: "ResetRequests");
        }
    }
}
