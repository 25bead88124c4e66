using RazorReset.Infrastructure;

namespace RazorReset.Email;

public sealed class OutboxSignal : WorkSignal;
