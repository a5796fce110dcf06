using Forecaster.Host.Cli;

return await ForecasterCommandLine.InvokeAsync(args);
