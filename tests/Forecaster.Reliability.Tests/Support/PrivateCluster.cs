using System.Diagnostics;
using Forecaster.Data.Migrations;
using Forecaster.Testing;
using Npgsql;

namespace Forecaster.Reliability.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own, which it may stop and start: the shared server of the other tests
/// must never restart under them. Same recipe as deploy/scripts/with-postgres.sh (as root the cluster belongs
/// to the <c>postgres</c> account, the socket lives in the cluster's directory).
/// </summary>
internal sealed class PrivateCluster : IAsyncDisposable
{
    private const string Superuser = "reliability_admin";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory;
    private readonly string _bin;
    private readonly int _port;
    private readonly string _password = Guid.NewGuid().ToString("N");

    private PrivateCluster(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        _port = port;
    }

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Username = Superuser, Password = _password, Database = "postgres",
    }.ConnectionString;

    private string DataDirectory => Path.Combine(_directory, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PrivateCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(version => Path.Combine(version, "bin"))
            .FirstOrDefault(candidate => File.Exists(Path.Combine(candidate, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql.");
        var directory = Directory.CreateTempSubdirectory("forecaster-reliability-pg.").FullName;
        var cluster = new PrivateCluster(directory, bin, FreePort.Loopback());
        var passwordFile = Path.Combine(directory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, cluster._password + "\n");
        if (IsRoot)
        {
            await RunAsync("chown", "-R", "postgres:", directory);
        }

        await cluster.AsOwnerAsync(
            "initdb",
            "-D",
            cluster.DataDirectory,
            "-U",
            Superuser,
            $"--pwfile={passwordFile}",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8");
        File.Delete(passwordFile);
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>
    /// Creates the database <c>forecaster</c>, migrates it and imports the bundled <paramref name="dataFiles"/>; returns
    /// the superuser's connection string to it.
    /// </summary>
    public async Task<string> CreateSeededDatabaseAsync(params string[] dataFiles)
    {
        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE forecaster", admin);
            await create.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "forecaster" }.ConnectionString;
        await DatabaseMigrator.MigrateAsync(database, CancellationToken.None);
        await SeededDatabase.ImportAsync(database, dataFiles);
        return database;
    }

    /// <summary>
    /// Serves TLS with a certificate for 127.0.0.1 signed by a CA of this cluster's own: appends
    /// <paramref name="postgresqlConf"/> to postgresql.conf (which names server.crt and server.key in the data
    /// directory), puts <paramref name="pgHba"/> above the existing pg_hba.conf lines and reloads. Returns the CA
    /// certificate's path, for clients that verify the server.
    /// </summary>
    /// <param name="verifyClients">Also trust this CA for client certificates (<c>ssl_ca_file</c>), for <c>cert</c> logins.</param>
    public async Task<string> EnableTlsAsync(string postgresqlConf, string pgHba, bool verifyClients = false)
    {
        var ca = Path.Combine(_directory, "ca.crt");
        var caKey = Path.Combine(_directory, "ca.key");
        var request = Path.Combine(_directory, "server.csr");
        var extensions = Path.Combine(_directory, "server.ext");
        var certificate = Path.Combine(DataDirectory, "server.crt");
        var key = Path.Combine(DataDirectory, "server.key");
        await File.WriteAllTextAsync(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        await RunAsync(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Forecaster test CA",
            "-keyout", caKey, "-out", ca);
        await RunAsync("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", request);
        await RunAsync(
            "openssl", "x509", "-req", "-in", request, "-CA", ca, "-CAkey", caKey, "-CAcreateserial", "-days", "2", "-extfile", extensions,
            "-out", certificate);
        await RunAsync("chmod", "600", key);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:", certificate, key);
        }

        var clientCa = verifyClients ? $"ssl_ca_file = '{ca}'\n" : "";
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), "\n" + postgresqlConf + "\n" + clientCa);
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        await File.WriteAllTextAsync(hba, pgHba + "\n" + await File.ReadAllTextAsync(hba));
        await AsOwnerAsync("pg_ctl", "-D", DataDirectory, "reload");
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var unpooled = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
                await using var connection = new NpgsqlConnection(unpooled);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT current_setting('ssl') = 'on'", connection);
                return (bool)(await command.ExecuteScalarAsync())!;
            },
            CommandTimeout,
            "the server to serve TLS");
        return ca;
    }

    /// <summary>
    /// A client certificate for <paramref name="login"/> (its CN) signed by the CA of <see cref="EnableTlsAsync"/>, with
    /// its private key encrypted by <paramref name="keyPassword"/> (PKCS#8 PEM); returns both files' paths.
    /// </summary>
    public async Task<(string Certificate, string Key)> IssueClientCertificateAsync(string login, string keyPassword)
    {
        var certificate = Path.Combine(_directory, login + ".crt");
        var key = Path.Combine(_directory, login + ".key");
        var request = Path.Combine(_directory, login + ".csr");
        var passwordFile = Path.Combine(_directory, login + ".pass");
        await File.WriteAllTextAsync(passwordFile, keyPassword + "\n");
        await RunAsync(
            "openssl", "req", "-newkey", "rsa:2048", "-subj", "/CN=" + login, "-passout", "file:" + passwordFile, "-keyout", key,
            "-out", request);
        await RunAsync(
            "openssl", "x509", "-req", "-in", request, "-CA", Path.Combine(_directory, "ca.crt"),
            "-CAkey", Path.Combine(_directory, "ca.key"), "-CAcreateserial", "-days", "2", "-out", certificate);
        File.Delete(passwordFile);
        return (certificate, key);
    }

    /// <summary>
    /// Stops the server fast (open sessions are terminated); <see cref="StartServerAsync"/> brings it back on the same
    /// port.
    /// </summary>
    public Task StopServerAsync() => AsOwnerAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            // A test that failed while its server was stopped leaves nothing to stop.
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await AsOwnerAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    public Task StartServerAsync() => AsOwnerAsync(
        "pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "60",
        "-o", $"-h 127.0.0.1 -p {_port} -k {_directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    private Task AsOwnerAsync(string tool, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. arguments])
            : RunAsync(Path.Combine(_bin, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        // The cluster owner cannot read the test's working directory when that is under /root.
        var start = new ProcessStartInfo(program) {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp" };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
