namespace Forecaster.Core.Training;

/// <summary>One out-of-range training setting: which one, the value given, and what is allowed.</summary>
public sealed record SettingProblem(string Setting, string Value, string Requirement)
{
    public override string ToString() => $"{Setting} = {Value}: {Requirement}";
}
