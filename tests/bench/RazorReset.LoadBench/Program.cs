using RazorReset.LoadBench;

// The load half of tests/bench/run (P1–P4): starts smtp4dev, RazorReset and the generated stock
// Identity UI app on loopback, measures them in one run and writes one table.
var options = BenchOptions.Parse(args);
using var cancel = new CancellationTokenSource(options.TimeLimit);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var benchmark = new LoadBenchmark(options);
BenchResults results;
try
{
    results = await benchmark.RunAsync(cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    // Out of time: the table says so and shows what was measured.
    results = benchmark.Results;
    results.Elapsed = options.TimeLimit;
    results.Stopped = $"The run was stopped after {options.TimeLimit.TotalMinutes:F0} minutes; empty cells were not reached.";
}

var report = ResultsReport.Render(results, options, MachineInfo.Describe());

Console.WriteLine();
Console.WriteLine(report);
await File.WriteAllTextAsync(options.OutputPath, report);
Console.WriteLine($"Written to {options.OutputPath}");
