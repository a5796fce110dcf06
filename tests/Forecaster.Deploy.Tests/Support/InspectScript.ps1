# Parses a PowerShell script with PowerShell's own parser and prints, as JSON, what WindowsScriptsTests checks: parse
# errors, the commands it calls, syntax Windows PowerShell 5.1 cannot parse, its parameters' types, and the variables
# each native program (*.exe and the like) is given on its command line.
param([Parameter(Mandatory)] [string] $Path)
$ErrorActionPreference = 'Stop'
$tokens = $null
$errors = $null
$ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
$all = $ast.FindAll({ $true }, $true)

$newerSyntax = foreach ($node in $all) {
    $type = $node.GetType().Name
    if ($type -in 'TernaryExpressionAst', 'PipelineChainAst') { $type }
    elseif ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') { '??' }
    elseif ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and $node.Operator -eq 'QuestionQuestionEquals') { '??=' }
    elseif ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) { '?.' }
}

$commands = $all | Where-Object { $_ -is [System.Management.Automation.Language.CommandAst] }
$native = foreach ($command in $commands) {
    $name = $command.GetCommandName()
    if ($name -and -not (Get-Command $name -CommandType Cmdlet, Function, Alias -ErrorAction SilentlyContinue) -and
        $name -notmatch '^[A-Za-z]+-[A-Za-z]+$') {
        [pscustomobject]@{
            Command = $name
            Variables = @($command.CommandElements | ForEach-Object { $_.FindAll({ param($n) $n -is [System.Management.Automation.Language.VariableExpressionAst] }, $true) } |
                ForEach-Object { $_.VariablePath.UserPath } | Select-Object -Unique)
        }
    }
}

$parameters = @{}
if ($ast.ParamBlock) {
    foreach ($parameter in $ast.ParamBlock.Parameters) { $parameters[$parameter.Name.VariablePath.UserPath] = $parameter.StaticType.FullName }
}

[pscustomobject]@{
    Errors = @($errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" })
    Commands = @($commands | ForEach-Object { $_.GetCommandName() } | Where-Object { $_ } | Sort-Object -Unique)
    NewerSyntax = @($newerSyntax)
    Parameters = $parameters
    NativeCommands = @($native)
} | ConvertTo-Json -Depth 5
