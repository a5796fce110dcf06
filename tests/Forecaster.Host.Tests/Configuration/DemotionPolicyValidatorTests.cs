using Forecaster.Core.Accuracy;
using Forecaster.Host.Configuration;

namespace Forecaster.Host.Tests.Configuration;

public sealed class DemotionPolicyValidatorTests
{
    [Fact]
    public void The_defaults_are_valid_and_every_bad_setting_is_reported_with_its_key()
    {
        var validator = new DemotionPolicyValidator();

        Assert.True(validator.Validate(null, new DemotionPolicy()).Succeeded);
        var result = validator.Validate(null, new DemotionPolicy { Window = 1, MinimumPoints = 50, Significance = 0.9 });

        Assert.Equal(
            [
                "Forecaster:Accuracy:Demotion:Window = '1': must be between 2 and 10000",
                "Forecaster:Accuracy:Demotion:MinimumPoints = '50': must be between 2 and 2",
                "Forecaster:Accuracy:Demotion:Significance = '0.9': must be in (0, 0.5], e.g. 0.05",
            ],
            result.Failures);
    }
}
