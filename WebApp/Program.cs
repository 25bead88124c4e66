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

await app.MigrateDatabaseAsync();
await app.SeedDemoAccountAsync();

app.UseWebSecurity();
app.MapWebUi();
app.MapJsonApi();

app.Run();

public partial class Program;
