<#
.SYNOPSIS
Installs or upgrades Forecaster as a Windows service. Run in an elevated Windows PowerShell 5.1 or PowerShell 7.

.DESCRIPTION
Copies a win-x64 output of deploy/scripts/publish.sh to the install folder, registers the service
(delayed automatic start, restart on failure), creates the event-log source the host logs to, and stores the
connection string in the service's own environment (the registry value the service control manager passes to
this service only, the Windows counterpart of the systemd EnvironmentFile), in a registry key only SYSTEM and
Administrators can read. Every other line of that environment is kept. Running it again upgrades: the service is
stopped, the files replaced and the service started again. See deploy/SERVICE.md.

.EXAMPLE
$connection = Read-Host -AsSecureString 'ConnectionStrings__Forecaster'
.\install.ps1 -PublishDir C:\temp\forecaster-publish -ConnectionString $connection
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $PublishDir,
    # Becomes ConnectionStrings__Forecaster in the service's environment; omitted on upgrade keeps the current one.
    # A SecureString (Read-Host -AsSecureString), so the secret is typed at a prompt, never written on a command line,
    # where process listings, transcripts and the shell's history would keep it.
    [securestring] $ConnectionString,
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'Forecaster'),
    # A virtual account by default: no password to manage, and only the rights granted to it.
    [string] $ServiceAccount = 'NT SERVICE\Forecaster'
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'ServiceEnvironment.ps1')
$ServiceName = 'Forecaster'
$Executable = 'forecaster.exe'

$publishedExe = Join-Path $PublishDir $Executable
if (-not (Test-Path $publishedExe)) {
    throw "$publishedExe is missing: pass a win-x64 output of deploy/scripts/publish.sh"
}

$existing = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($existing -and $existing.Status -ne 'Stopped') {
    Stop-Service -Name $ServiceName
    # The host finishes in-flight training within Forecaster:Workers:ShutdownTimeout before it exits.
    $existing.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
}

New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
Copy-Item -Path (Join-Path $PublishDir '*') -Destination $InstallDir -Recurse -Force

# The .NET call, not New-EventLog, which PowerShell 7 does not have.
if (-not [Diagnostics.EventLog]::SourceExists($ServiceName)) {
    [Diagnostics.EventLog]::CreateEventSource($ServiceName, 'Application')
}

$binaryPath = '"{0}" run' -f (Join-Path $InstallDir $Executable)
if ($existing) {
    sc.exe config $ServiceName binPath= $binaryPath obj= $ServiceAccount start= delayed-auto | Out-Null
} else {
    New-Service -Name $ServiceName -BinaryPathName $binaryPath -DisplayName 'Forecaster' `
        -Description 'Per-series RNN retraining and multi-step price forecasts' -StartupType Automatic | Out-Null
    sc.exe config $ServiceName obj= $ServiceAccount start= delayed-auto | Out-Null
}
if ($LASTEXITCODE -ne 0) { throw "sc.exe config failed with exit code $LASTEXITCODE" }

# Restart after a crash, a minute apart, and forget failures after a day; a bad configuration still
# fails every start, which the event log shows.
sc.exe failure $ServiceName reset= 86400 actions= restart/60000/restart/60000// | Out-Null
if ($LASTEXITCODE -ne 0) { throw "sc.exe failure failed with exit code $LASTEXITCODE" }
sc.exe failureflag $ServiceName 1 | Out-Null

# Other settings: appsettings.Production.json beside the executable (the host runs as Production and an
# upgrade never ships that file), or more Forecaster__Section__Name lines in the same registry value.
$serviceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
if ($ConnectionString) {
    $current = (Get-ItemProperty -Path $serviceKey -Name Environment -ErrorAction SilentlyContinue).Environment
    $environment = Set-EnvironmentEntry -Entries $current -Name 'ConnectionStrings__Forecaster' `
        -Value (ConvertTo-PlainText -Secret $ConnectionString)
    Set-ItemProperty -Path $serviceKey -Name Environment -Type MultiString -Value $environment
}

# Windows lets every local user read a service's key (and so its environment); the service control manager runs as
# SYSTEM and is the only reader the service needs. Inheritance is cut and only SYSTEM and Administrators keep access.
$keyAcl = New-Object System.Security.AccessControl.RegistrySecurity
$keyAcl.SetAccessRuleProtection($true, $false)
foreach ($sid in 'S-1-5-18', 'S-1-5-32-544') {
    $keyAcl.AddAccessRule((New-Object System.Security.AccessControl.RegistryAccessRule(
        (New-Object System.Security.Principal.SecurityIdentifier($sid)), 'FullControl', 'ContainerInherit', 'None', 'Allow')))
}
Set-Acl -Path $serviceKey -AclObject $keyAcl

# The virtual account only reads the binaries and its configuration.
icacls $InstallDir /grant "${ServiceAccount}:(OI)(CI)RX" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls failed with exit code $LASTEXITCODE" }

if ((Get-ItemProperty -Path $serviceKey -Name Environment -ErrorAction SilentlyContinue) -or (Test-Path (Join-Path $InstallDir 'appsettings.Production.json'))) {
    Start-Service -Name $ServiceName
    Write-Host "Forecaster installed in $InstallDir and started."
} else {
    Write-Host ("Forecaster installed in $InstallDir; run again with -ConnectionString (Read-Host -AsSecureString), " +
        "then Start-Service $ServiceName.")
}
