using Forecaster.Data.Access;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Tests;

public sealed class SqlIdentifierTests
{
    [Theory]
    [InlineData("prices; DROP TABLE prices; --")]
    [InlineData("prices\" OR 1=1 --")]
    [InlineData("1prices")]
    [InlineData("")]
    [InlineData("a_name_that_is_far_too_long_for_postgresql_identifiers_0123456789")]
    public async Task A_setting_that_is_not_a_plain_identifier_is_rejected_before_any_sql_runs(string table)
    {
        // No server listens here: a source that tried to run SQL would fail differently.
        await using var unreachable = ForecasterDatabase.Create("Host=127.0.0.1;Port=1;Timeout=1");

        var failure = Assert.Throws<PriceSourceException>(
            () => new PriceSource(unreachable, PriceSourceOptions.Default with { Table = table }));

        Assert.Contains($"Table = '{table}'", failure.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SqlIdentifier.Quote(table));
    }

    [Theory]
    [InlineData(nameof(PriceSourceOptions.Schema))]
    [InlineData(nameof(PriceSourceOptions.KeyColumn))]
    [InlineData(nameof(PriceSourceOptions.TimestampColumn))]
    [InlineData(nameof(PriceSourceOptions.ValueColumn))]
    public void Every_configurable_name_is_validated(string setting)
    {
        const string Injection = "x\"; DELETE FROM prices; --";
        var options = setting switch
        {
            nameof(PriceSourceOptions.Schema) => PriceSourceOptions.Default with { Schema = Injection },
            nameof(PriceSourceOptions.KeyColumn) => PriceSourceOptions.Default with { KeyColumn = Injection },
            nameof(PriceSourceOptions.TimestampColumn) => PriceSourceOptions.Default with { TimestampColumn = Injection },
            _ => PriceSourceOptions.Default with { ValueColumn = Injection },
        };

        Assert.Equal([$"{setting} = '{Injection}'"], options.InvalidNames());
    }

    [Fact]
    public void Quoting_keeps_case_and_identifiers_up_to_63_bytes_are_accepted()
    {
        var longest = new string('a', SqlIdentifier.MaxBytes);

        Assert.Equal("\"Quotes\"", SqlIdentifier.Quote("Quotes"));
        Assert.Equal($"\"{longest}\"", SqlIdentifier.Quote(longest));
        Assert.False(SqlIdentifier.IsValid(longest + "a"));
    }
}
