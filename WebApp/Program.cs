using RazorReset.Accounts;
using RazorReset.Api;
using RazorReset.Data;
using RazorReset.Email;
using RazorReset.Infrastructure;
using RazorReset.PasswordReset;

var builder = WebApplication.CreateBuilder(args);

builder.AddSharedDevelopmentSettings();
builder.AddAppOptions();
builder.AddPersistence();
builder.AddAccounts();
builder.AddEmail();
builder.AddPasswordReset();
builder.AddWebSecurity();
builder.AddWebUi();
builder.AddJsonApi();

var app = builder.Build();

// The database and the request pipeline are made ready side by side: they share nothing, and on
// two cores start-up then takes the longer of the two rather than their sum (P3).
var database = Task.Run(async () =>
{
    await app.MigrateDatabaseAsync();
    await app.SeedDemoAccountAsync();
});

app.UseWebSecurity();
app.MapWebUi();
app.MapJsonApi();

await database;
app.Run();

public partial class Program;
