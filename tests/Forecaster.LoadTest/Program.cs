using System.Globalization;
using Forecaster.LoadTest;

// Verbs: database NAME | seed N P | append | stats. The connection string comes from FORECASTER_LOAD_PG so it never shows in `ps`.
var connectionString = Environment.GetEnvironmentVariable("FORECASTER_LOAD_PG")
    ?? throw new InvalidOperationException("Set FORECASTER_LOAD_PG to the service database's connection string.");
var verb = args.Length > 0 ? args[0] : "";
var output = Console.Out;
switch (verb)
{
    case "database" when args.Length == 2:
        await output.WriteLineAsync(await LoadDatabase.RecreateAsync(connectionString, args[1]));
        return 0;
    case "seed" when args.Length == 3:
        var seeded = await SyntheticPrices.SeedAsync(
            connectionString, int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
        await output.WriteLineAsync(seeded);
        return 0;
    case "append" when args.Length == 1:
        await output.WriteLineAsync(await SyntheticPrices.AppendOnePointAsync(connectionString));
        return 0;
    case "stats" when args.Length == 1:
        await output.WriteLineAsync(await CycleStatistics.ReadAsync(connectionString));
        return 0;
    default:
        await Console.Error.WriteLineAsync(
            "usage: Forecaster.LoadTest database NAME | seed N P | append | stats   (FORECASTER_LOAD_PG=connection string)");
        return 64;
}
