namespace Forecaster.Data.Access;

/// <summary>
/// Told about database failures as the retry pipeline meets them, so the host can count them without the
/// data layer depending on a metrics library.
/// </summary>
public interface IDatabaseFailureObserver
{
    /// <summary>A transient failure that the pipeline is about to retry.</summary>
    void Retrying(Exception exception);

    /// <summary>A database failure that reaches the caller: permanent, or transient with the retries used up.</summary>
    void Failed(Exception exception);
}
