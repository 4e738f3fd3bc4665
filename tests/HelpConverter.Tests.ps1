#Requires -Version 7.0
# Pester 5 tests for tools/ConvertTo-MamlHelp.ps1: the sample page converts into MAML that Get-Help really reads,
# and malformed pages stop the conversion with the file and line at fault.

BeforeAll {
    $script:RepoRoot = Split-Path -Parent $PSScriptRoot
    $script:Converter = Join-Path $RepoRoot 'tools/ConvertTo-MamlHelp.ps1'
    $script:Sample = Join-Path $RepoRoot 'docs/cmdlets/Example-Cmdlet.md'
    $script:SampleText = [System.IO.File]::ReadAllText($Sample)

    # Writes the sample under another cmdlet name, after applying a text change, and returns its path.
    function New-HelpPage {
        param([string] $Folder, [string] $Name, [scriptblock] $Change = { param($text) $text })
        $null = New-Item -ItemType Directory -Path $Folder -Force
        $text = $script:SampleText -replace '(?m)^# Example-Cmdlet\s*$', "# $Name"
        $path = Join-Path $Folder "$Name.md"
        [System.IO.File]::WriteAllText($path, (& $Change $text))
        return $path
    }
}

Describe 'ConvertTo-MamlHelp with the sample page' {
    BeforeAll {
        # A throw-away script module whose function points at the generated MAML, the way a binary module's cmdlets do.
        $script:ModuleFolder = Join-Path $TestDrive 'ExampleModule'
        $script:MamlPath = Join-Path $ModuleFolder 'en-US/CloudDesignPatterns.dll-Help.xml'
        $script:Output = & $Converter -Path $Sample -OutputPath $MamlPath
        Set-Content -LiteralPath (Join-Path $ModuleFolder 'ExampleModule.psm1') -Value @'
function Example-Cmdlet {
    # .ExternalHelp CloudDesignPatterns.dll-Help.xml
    [CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'ById')]
    param(
        [Parameter(ParameterSetName = 'ById', Mandatory, Position = 0, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('InstanceId')] [string[]] $Id,
        [Parameter(ParameterSetName = 'ByName', Mandatory, ValueFromPipelineByPropertyName)] [SupportsWildcards()] [string] $Name,
        [Parameter(ValueFromPipelineByPropertyName)] [string] $Region,
        [switch] $Force
    )
}
Export-ModuleMember -Function Example-Cmdlet
'@
        Import-Module (Join-Path $ModuleFolder 'ExampleModule.psm1') -DisableNameChecking -Force
        $script:Help = Get-Help Example-Cmdlet -Full
        $script:HelpText = Get-Help Example-Cmdlet -Full | Out-String -Width 200
    }

    AfterAll {
        Remove-Module ExampleModule -Force -ErrorAction SilentlyContinue
    }

    It 'writes one MAML file and returns it' {
        $Output | Should -BeOfType ([System.IO.FileInfo])
        $Output.FullName | Should -Be $MamlPath
        $xml = [xml](Get-Content -LiteralPath $MamlPath -Raw)
        $xml.helpItems.schema | Should -Be 'maml'
        $xml.helpItems.NamespaceURI | Should -Be 'http://msh'
        @($xml.helpItems.command).Count | Should -Be 1
        $xml.helpItems.command.details.name | Should -Be 'Example-Cmdlet'
        $xml.helpItems.command.details.verb | Should -Be 'Example'
        $xml.helpItems.command.details.noun | Should -Be 'Cmdlet'
    }

    It 'is read by Get-Help, not generated from the function' {
        $Help.Synopsis | Should -Be 'Shows every part of the cmdlet help format in one place.'
        # Get-Help ends each paragraph with a newline.
        @($Help.description.Text | ForEach-Object Trim) | Should -Contain '- Like this one.' -Because 'list items are paragraphs of their own'
        $HelpText | Should -Match 'The Example-Cmdlet cmdlet is the reference sample'
    }

    It 'shows both parameter sets in the syntax' {
        $items = @($Help.syntax.syntaxItem)
        $items.Count | Should -Be 2
        @($items[0].parameter.name) | Should -Be @('Id', 'Region', 'Force', 'WhatIf', 'Confirm')
        @($items[1].parameter.name) | Should -Be @('Name', 'Region', 'Force', 'WhatIf', 'Confirm')
        $HelpText | Should -Match ([regex]::Escape('Example-Cmdlet [-Id] <String[]> [-Region <String>] [-Force] [-WhatIf] [-Confirm] [<CommonParameters>]'))
        $HelpText | Should -Match ([regex]::Escape('Example-Cmdlet -Name <String> [-Region <String>]'))
    }

    It 'shows every parameter with its pipeline input, position, aliases and wildcards' {
        $parameters = @($Help.parameters.parameter)
        $parameters.name | Should -Be @('Id', 'Name', 'Region', 'Force', 'WhatIf', 'Confirm')
        $id = $parameters | Where-Object name -EQ 'Id'
        $id.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $id.required | Should -Be 'true'
        $id.position | Should -Be '0'
        $id.aliases | Should -Be 'InstanceId'
        $id.description.Text | Should -Be 'One or more instance ids to act on.'
        ($parameters | Where-Object name -EQ 'Name').globbing | Should -Be 'true'
        ($parameters | Where-Object name -EQ 'Region').defaultValue | Should -Be 'Session default'
        $HelpText | Should -Match 'Accept pipeline input\?\s+True \(ByPropertyName, ByValue\)'
        $HelpText | Should -Match '-Id <String\[\]>'
        $HelpText | Should -Match '(?m)^\s+-Force\s*$' -Because 'a switch has no value type'
    }

    It 'shows both examples with title, code and remarks' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -Be 2
        $examples[0].title | Should -Match 'Example 1: Target things by id'
        $examples[0].code | Should -Be 'PS> Example-Cmdlet -Id i-0123456789abcdef0, i-0fedcba9876543210 -Region eu-west-1'
        @($examples[0].remarks.Text | ForEach-Object Trim) | Should -Contain 'Targets two instances in eu-west-1. Ids can come from the pipeline as well.'
        $examples[1].title | Should -Match 'Example 2: Pipe objects that carry an Id property'
        @($examples[1].remarks.Text | Where-Object { $_ }).Count | Should -Be 2
        $HelpText | Should -Match ([regex]::Escape('PS> Get-PatternInstanceMetadata | Example-Cmdlet -Force'))
    }

    It 'shows inputs, outputs, notes and related links' {
        @($Help.inputTypes.inputType.type.name) | Should -Be @('System.String[]', 'CloudDesignPatterns.Model.InstanceMetadata')
        $Help.returnValues.returnValue.type.name | Should -Be 'CloudDesignPatterns.Model.ExampleResult'
        $HelpText | Should -Match 'Requires the IAM actions listed by Get-PatternIamPolicy'
        $links = @($Help.relatedLinks.navigationLink)
        $links.linkText | Should -Be @('Online Version:', 'Get-PatternInstanceMetadata', 'AWS Cloud Design Patterns')
        $links[2].uri | Should -Be 'https://en.clouddesignpattern.org/'
        $links[1].uri | Should -BeNullOrEmpty -Because 'relative markdown links do not exist offline'
    }
}

Describe 'ConvertTo-MamlHelp over a folder' {
    It 'converts every cmdlet page into one file and skips Example- and about_ pages' {
        $folder = Join-Path $TestDrive 'cmdlets'
        $null = New-HelpPage $folder 'Get-Widget'
        $null = New-HelpPage $folder 'Set-Widget'
        Copy-Item -LiteralPath $Sample -Destination $folder
        Set-Content -LiteralPath (Join-Path $folder 'about_Widgets.md') -Value '# about_Widgets'
        $out = Join-Path $TestDrive 'folder-out/CloudDesignPatterns.dll-Help.xml'

        & $Converter -Path $folder -OutputPath $out | Out-Null

        $xml = [xml](Get-Content -LiteralPath $out -Raw)
        @($xml.helpItems.command.details.name) | Should -Be @('Get-Widget', 'Set-Widget')
    }

    It 'refuses a folder with no cmdlet pages' {
        $empty = Join-Path $TestDrive 'empty'
        $null = New-Item -ItemType Directory -Path $empty
        { & $Converter -Path $empty -OutputPath (Join-Path $TestDrive 'none.xml') } | Should -Throw '*No cmdlet help markdown*'
    }
}

Describe 'ConvertTo-MamlHelp with malformed pages' {
    It 'throws with file and line when <Case>' -TestCases @(
        @{ Case = 'SYNOPSIS is missing'; Expected = "missing the '## SYNOPSIS' section"; LineOf = '# Get-Bad'
           Change = { param($t) $t -replace '(?s)## SYNOPSIS.*?(?=## SYNTAX)', '' } }
        @{ Case = 'there is only one example'; Expected = 'EXAMPLES has 1 example(s); every cmdlet needs at least 2'; LineOf = '## EXAMPLES'
           Change = { param($t) $t -replace '(?s)### Example 2:.*?(?=## PARAMETERS)', '' } }
        @{ Case = 'a parameter has no yaml block'; Expected = 'parameter -Id has no ```yaml block'; LineOf = '### -Id'
           Change = { param($t) $t -replace '(?s)(### -Id\s+One or more instance ids to act on\.\s+)```yaml.*?```', '$1' } }
        @{ Case = 'a yaml key is missing'; Expected = "parameter -Id: the yaml block has no 'Accept pipeline input:' line"; LineOf = '```yaml'
           Change = { param($t) $t -replace 'Accept pipeline input: True \(ByPropertyName, ByValue\)\r?\n', '' } }
        @{ Case = 'a section name has a typo'; Expected = "unknown section '## PARAMETER'"; LineOf = '## PARAMETER'
           Change = { param($t) $t -replace '## PARAMETERS', '## PARAMETER' } }
        @{ Case = 'the syntax shows an undocumented parameter'; Expected = "syntax shows -Profile but PARAMETERS has no '### -Profile'"; LineOf = '```'
           Change = { param($t) $t -replace '\[-Region <String>\] \[-Force\]', '[-Region <String>] [-Profile <String>] [-Force]' } }
        @{ Case = 'the title does not match the file name'; Expected = "title 'Get-Other' does not match the file name 'Get-Bad'"; LineOf = '# Get-Other'
           Change = { param($t) $t -replace '(?m)^# Get-Bad', '# Get-Other' } }
    ) {
        $folder = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $page = New-HelpPage $folder 'Get-Bad' $Change
        $lines = [System.IO.File]::ReadAllLines($page)
        $line = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.Trim() -eq $LineOf }) + 1
        $line | Should -BeGreaterThan 0 -Because "the mutated page still has a '$LineOf' line to point at"

        { & $Converter -Path $page -OutputPath (Join-Path $folder 'out.xml') } |
            Should -Throw -ExpectedMessage "*Get-Bad.md:${line}: $([WildcardPattern]::Escape($Expected))*"
        Test-Path -LiteralPath (Join-Path $folder 'out.xml') | Should -BeFalse -Because 'nothing is written when a page is malformed'
    }
}
