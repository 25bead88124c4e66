using RazorReset.Infrastructure;

namespace RazorReset.Accounts;

public sealed class AccountRequestSignal : WorkSignal;
