# Functions install.ps1 dot-sources. Plain PowerShell (Windows PowerShell 5.1 and PowerShell 7) and no Windows-only
# command, so the suite runs them under PowerShell 7 on Linux (tests/Forecaster.Deploy.Tests/WindowsScriptsTests.cs).

function Set-EnvironmentEntry {
    <#
    .SYNOPSIS
    The service's environment (the REG_MULTI_SZ lines NAME=value) with Name set to Value: the line that named it
    replaced where it stood (names compare case-insensitively, as Windows compares them), every other line kept, so a
    re-install never wipes the settings an operator added there.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param(
        [AllowNull()] [AllowEmptyCollection()] [string[]] $Entries,
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Value
    )
    $result = New-Object System.Collections.Generic.List[string]
    $set = $false
    foreach ($entry in @($Entries)) {
        if ([string]::IsNullOrEmpty($entry)) { continue }
        if ($entry.Split('=', 2)[0] -ieq $Name) {
            # A second line for the same name would be ambiguous: the first place keeps the new value, the rest go.
            if (-not $set) { $result.Add("$Name=$Value") }
            $set = $true
        } else {
            $result.Add($entry)
        }
    }
    if (-not $set) { $result.Add("$Name=$Value") }
    return , $result.ToArray()
}

function ConvertTo-PlainText {
    <#
    .SYNOPSIS
    The text of a SecureString, for the one place it must be stored. (ConvertFrom-SecureString -AsPlainText is
    PowerShell 7 only.)
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)] [securestring] $Secret)
    return (New-Object System.Net.NetworkCredential('', $Secret)).Password
}
