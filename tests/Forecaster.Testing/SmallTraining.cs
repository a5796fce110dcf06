using System.Globalization;

namespace Forecaster.Testing;

/// <summary>
/// Service settings that shrink training so a cycle over bundled files takes seconds, for every test that runs the
/// real host (in process or as the <c>forecaster</c> executable). No Prometheus listener: hosts share the machine.
/// </summary>
public static class SmallTraining
{
    public const int Horizon = 3;

    public static Dictionary<string, string?> Settings(string instanceId) => new()
    {
        ["Forecaster:Workers:InstanceId"] = instanceId,
        ["Forecaster:Workers:DegreeOfParallelism"] = "2",
        ["Forecaster:Database:MigrateOnStart"] = "false",
        ["Forecaster:Telemetry:PrometheusEndpoint"] = "",
        ["Forecaster:Series:HistoryPoints"] = "400",
        ["Forecaster:Training:Window"] = "8",
        ["Forecaster:Training:HiddenSize"] = "8",
        ["Forecaster:Training:Horizon"] = Horizon.ToString(CultureInfo.InvariantCulture),
        ["Forecaster:Training:MaxEpochs"] = "4",
        ["Forecaster:Training:Patience"] = "2",
        ["Forecaster:Training:MinTrainingWindows"] = "8",
    };
}
