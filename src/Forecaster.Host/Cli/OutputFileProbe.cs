namespace Forecaster.Host.Cli;

/// <summary>Whether a file a verb will write at its end can be written, asked before the verb does its work.</summary>
internal static class OutputFileProbe
{
    /// <returns>Why the file cannot be written, or null when it can.</returns>
    public static string? WhyNotWritable(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
        {
            return "is a directory; name a file.";
        }

        if (file.Directory is not { Exists: true } folder)
        {
            return $"the folder {file.DirectoryName} does not exist.";
        }

        try
        {
            if (file.Exists)
            {
                using var existing = new FileStream(file.FullName, FileMode.Open, FileAccess.Write);
            }
            else
            {
                using var probe = new FileStream(
                    Path.Combine(
                        folder.FullName,
                        $".{file.Name}.{Guid.NewGuid():N}.probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1,
                        FileOptions.DeleteOnClose);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be written ({e.Message}).";
        }
    }
}
