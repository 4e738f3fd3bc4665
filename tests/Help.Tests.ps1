# Every exported cmdlet has real help (built from docs/cmdlets/*.md into the module's MAML file): a synopsis that is
# not just the generated syntax, a description, at least two examples, and a description for every parameter.

BeforeDiscovery {
    $manifest = Join-Path $env:CDP_MODULE_PATH 'CloudDesignPatterns.psd1'
    $script:CmdletCases = @((Import-PowerShellDataFile $manifest).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-CdpModule | Out-Null
    $script:CommonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help of <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
        function script:Get-Text($Node) { (@($Node) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n" }
    }

    It 'has a synopsis that is not the syntax' {
        $synopsis = "$($Help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$Name *" -Because 'without help PowerShell shows the syntax as the synopsis'
        $synopsis | Should -Not -BeLike '*`[<CommonParameters>`]*'
    }

    It 'has a description' {
        (Get-Text $Help.description).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty
            (Get-Text $example.remarks).Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) should say what it does"
        }
    }

    It 'describes every parameter' {
        $documented = @{}
        foreach ($p in @($Help.parameters.parameter)) { if ($p) { $documented[$p.name] = (Get-Text $p.description).Trim() } }
        $parameters = @($Command.Parameters.Values | Where-Object {
                $_.Name -notin $CommonParameters -and
                -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
            })
        foreach ($parameter in $parameters) {
            $documented[$parameter.Name] | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $Name needs a description"
        }
    }
}
