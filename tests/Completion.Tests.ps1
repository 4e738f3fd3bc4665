# Tab completion of the ids an operator types, answered from the sandbox in the session's region.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $null = Import-CdpModule
    $Seed = Get-CdpSeed
    $null = Start-CdpSandbox

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

AfterAll { Stop-CdpSandbox }

Describe 'argument completers' {
    It 'completes instance ids from the current region, with the Name tag as tooltip' {
        $matches = Get-Completion 'Get-PatternConfiguration -InstanceId i-0a1b'
        @($matches.CompletionText) | Should -Be $Seed.Instances
        ($matches | Where-Object CompletionText -eq $Seed.Web1).ToolTip | Should -Match 'web-1'
    }

    It 'narrows instance ids to what was typed (a wildcard too), and offers nothing for an unknown prefix' {
        @((Get-Completion 'New-PatternSnapshot -InstanceId *0103').CompletionText) | Should -Be @($Seed.Db1)
        Get-Completion 'New-PatternSnapshot -InstanceId i-ffff' | Should -BeNullOrEmpty
    }

    It 'answers from the region typed on the command line (the DR region has no instances)' {
        Get-Completion 'Get-PatternConfiguration -Region ap-southeast-1 -InstanceId i-' | Should -BeNullOrEmpty
    }

    It 'completes region names from the SDK list' {
        @((Get-Completion 'Set-PatternDefault -Region ap-northeast-').CompletionText) | Should -Contain 'ap-northeast-1'
    }

    It 'completes pattern names for Cloud DI and for IAM policies' {
        @((Get-Completion 'Get-PatternConfiguration -Pattern sn').CompletionText) | Should -Be @('snapshot')
        @((Get-Completion 'Get-PatternIamPolicy -Pattern Sn').CompletionText) | Should -Be @('Snapshot')
    }

    It 'completes snapshot set ids once a set exists' {
        $set = New-PatternSnapshot -InstanceId $Seed.Web2
        @((Get-Completion 'Get-PatternSnapshot -SetId ss-').CompletionText) | Should -Contain $set.SetId
    }

    It 'completes -Policy with the policies that exist, never with file names' {
        Push-Location $TestDrive
        try {
            New-Item -ItemType File -Path 'nightly-notes.txt', 'weekly.ps1' | Out-Null
            # web-1's Cloud DI tag names 'nightly'; the sets earlier tests made name theirs.
            $existing = @(@('nightly') + @((Get-PatternSnapshot).Policy) | Sort-Object -Unique)
            foreach ($command in 'New-PatternSnapshot', 'Get-PatternSnapshot', 'Remove-PatternSnapshot') {
                @((Get-Completion "$command -Policy ").CompletionText) | Should -Be $existing -Because "$command offers the policies that exist"
            }
            $null = New-PatternSnapshot -InstanceId $Seed.Db1 -Policy weekly
            @((Get-Completion 'Remove-PatternSnapshot -Policy ').CompletionText) | Should -Be @($existing + 'weekly' | Sort-Object -Unique)
            @((Get-Completion 'Remove-PatternSnapshot -Policy we').CompletionText) | Should -Be @('weekly')
            Get-Completion 'Remove-PatternSnapshot -EndpointUrl http://127.0.0.1:9/ -Policy ' | Should -BeNullOrEmpty
        }
        finally { Pop-Location }
    }

    It 'never throws when AWS cannot be reached: it offers nothing' {
        Get-Completion 'Get-PatternConfiguration -EndpointUrl http://127.0.0.1:9/ -InstanceId i-' | Should -BeNullOrEmpty
    }
}
