// Written by hand in the shape `dotnet ef migrations add` produces (see InitialCreate).
using System;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RazorReset.Data.Migrations
{
    [DbContext(typeof(AppDbContext))]
    [Migration("20261122070000_ResetRequestRetries")]
    public partial class ResetRequestRetries : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "ResetRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetryAt",
                table: "ResetRequests",
                type: "TEXT",
                nullable: true);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "ResetRequests");

            migrationBuilder.DropColumn(
                name: "RetryAt",
                table: "ResetRequests");
        }
    }
}
