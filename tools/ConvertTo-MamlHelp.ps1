#Requires -Version 7.0
<#
.SYNOPSIS
    Converts the cmdlet help markdown in docs/cmdlets into one MAML file that Get-Help reads offline.

.DESCRIPTION
    Reads every <Verb-Noun>.md file in the given folders (skipping Example-* and about_* files) or the files given
    explicitly (never skipped), validates each against the format in docs/help-format.md, and writes a single MAML
    help file (helpItems schema="maml", one command:command per cmdlet) for the binary module.

    A malformed file stops the conversion with an error naming the file and line, so a broken help page never ships.

.PARAMETER Path
    Folders of markdown files, or markdown files.

.PARAMETER OutputPath
    The MAML file to write, for example out/CloudDesignPatterns/en-US/CloudDesignPatterns.dll-Help.xml.

.EXAMPLE
    ./tools/ConvertTo-MamlHelp.ps1 -Path docs/cmdlets -OutputPath out/CloudDesignPatterns/en-US/CloudDesignPatterns.dll-Help.xml
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    [Parameter(Mandatory)]
    [string[]] $Path,

    [Parameter(Mandatory)]
    [string] $OutputPath
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$script:Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# The sections a help page has, in order. Anything else is a typo we want to hear about.
$script:KnownSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:RequiredSections = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS')
$script:ParameterYamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value',
    'Accept pipeline input', 'Accept wildcard characters')
$script:AllParameterSets = '(All)'

#region Errors

function Stop-Conversion {
    param([string] $File, [int] $Line, [string] $Message)
    throw "${File}:${Line}: $Message"
}

#endregion

#region Markdown structure

# Splits a file into front matter, its H1 and its H2 sections with their H3 subsections. Every line keeps its number
# so errors can point at it, and lines inside ``` fences are never taken for headings (example code has # comments).
function Read-HelpMarkdown {
    param([string] $File)

    $lines = [System.IO.File]::ReadAllLines($File, [System.Text.Encoding]::UTF8)
    $document = [pscustomobject]@{
        File        = $File
        FrontMatter = @{}
        Title       = $null
        TitleLine   = 0
        Sections    = [System.Collections.Generic.List[object]]::new()
    }

    $index = 0
    if ($lines.Count -gt 0 -and $lines[0].Trim() -eq '---') {
        $index = 1
        while ($index -lt $lines.Count -and $lines[$index].Trim() -ne '---') {
            if ($lines[$index] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $document.FrontMatter[$Matches[1]] = $Matches[2] }
            $index++
        }
        if ($index -ge $lines.Count) { Stop-Conversion $File 1 "front matter opened with '---' is never closed." }
        $index++
    }

    $section = $null
    $subsection = $null
    $fence = $null
    for (; $index -lt $lines.Count; $index++) {
        $text = $lines[$index]
        $entry = [pscustomobject]@{ Number = $index + 1; Text = $text }
        if ($null -eq $fence -and $text -match '^\s*(```+)') { $fence = $Matches[1] }
        elseif ($null -ne $fence -and $text.Trim() -eq $fence) { $fence = $null }
        elseif ($null -eq $fence) {
            if ($text -match '^#\s+(.+?)\s*$') {
                if ($null -ne $document.Title) { Stop-Conversion $File $entry.Number "a second '# ' title; a page documents one cmdlet." }
                $document.Title = $Matches[1]; $document.TitleLine = $entry.Number
                continue
            }
            if ($text -match '^##\s+(.+?)\s*$') {
                $name = $Matches[1].ToUpperInvariant()
                if ($name -notin $script:KnownSections) {
                    Stop-Conversion $File $entry.Number "unknown section '## $($Matches[1])'; expected one of: $($script:KnownSections -join ', ')."
                }
                if ($document.Sections | Where-Object Name -EQ $name) { Stop-Conversion $File $entry.Number "section '## $name' appears twice." }
                $section = [pscustomobject]@{ Name = $name; Line = $entry.Number; Body = [System.Collections.Generic.List[object]]::new(); Subsections = [System.Collections.Generic.List[object]]::new() }
                $document.Sections.Add($section)
                $subsection = $null
                continue
            }
            if ($text -match '^###\s+(.+?)\s*$') {
                if ($null -eq $section) { Stop-Conversion $File $entry.Number "'### $($Matches[1])' is outside any '## ' section." }
                $subsection = [pscustomobject]@{ Title = $Matches[1]; Line = $entry.Number; Body = [System.Collections.Generic.List[object]]::new() }
                $section.Subsections.Add($subsection)
                continue
            }
        }
        if ($null -ne $subsection) { $subsection.Body.Add($entry) }
        elseif ($null -ne $section) { $section.Body.Add($entry) }
        elseif ($text.Trim() -ne '') { Stop-Conversion $File $entry.Number "text before the first '## ' section." }
    }
    if ($null -ne $fence) { Stop-Conversion $File $lines.Count "a code fence is never closed." }
    return $document
}

# Separates a block of lines into fenced code blocks and prose paragraphs, both in order.
function Split-Body {
    param($Lines)

    $codeBlocks = [System.Collections.Generic.List[object]]::new()
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $flush = {
        if ($current.Count -gt 0) { $paragraphs.Add(($current -join ' ')); $current.Clear() }
    }
    foreach ($entry in $Lines) {
        $text = $entry.Text
        if ($null -eq $code -and $text -match '^\s*```+\s*([\w-]*)\s*$') {
            & $flush
            $code = [pscustomobject]@{ Language = $Matches[1]; Line = $entry.Number; Lines = [System.Collections.Generic.List[string]]::new() }
            continue
        }
        if ($null -ne $code) {
            if ($text -match '^\s*```+\s*$') { $codeBlocks.Add($code); $code = $null }
            else { $code.Lines.Add($text) }
            continue
        }
        if ($text.Trim() -eq '') { & $flush; continue }
        # A list item starts a paragraph of its own so lists stay readable in Get-Help.
        if ($text -match '^\s*([-*]|\d+\.)\s+') { & $flush }
        $current.Add($text.Trim())
    }
    & $flush
    return [pscustomobject]@{ CodeBlocks = $codeBlocks; Paragraphs = $paragraphs }
}

function Get-Section {
    param($Document, [string] $Name)
    return $Document.Sections | Where-Object Name -EQ $Name | Select-Object -First 1
}

#endregion

#region Help model

function ConvertTo-HelpModel {
    param($Document)

    $file = $Document.File
    if ($null -eq $Document.Title) { Stop-Conversion $file 1 "missing the '# Verb-Noun' title." }
    $name = $Document.Title
    $expectedName = [System.IO.Path]::GetFileNameWithoutExtension($file)
    if ($name -ne $expectedName) { Stop-Conversion $file $Document.TitleLine "title '$name' does not match the file name '$expectedName'." }
    if ($name -notmatch '^([A-Za-z]+)-([A-Za-z0-9]+)$') { Stop-Conversion $file $Document.TitleLine "title '$name' is not a Verb-Noun cmdlet name." }
    $verb = $Matches[1]; $noun = $Matches[2]

    foreach ($required in $script:RequiredSections) {
        if (-not (Get-Section $Document $required)) { Stop-Conversion $file $Document.TitleLine "missing the '## $required' section." }
    }

    $synopsisSection = Get-Section $Document 'SYNOPSIS'
    $synopsis = (Split-Body $synopsisSection.Body).Paragraphs
    if ($synopsis.Count -eq 0) { Stop-Conversion $file $synopsisSection.Line "the SYNOPSIS is empty." }

    $descriptionSection = Get-Section $Document 'DESCRIPTION'
    $description = (Split-Body $descriptionSection.Body).Paragraphs
    if ($description.Count -eq 0) { Stop-Conversion $file $descriptionSection.Line "the DESCRIPTION is empty." }

    $parameters = @(Read-Parameters $file (Get-Section $Document 'PARAMETERS'))
    $syntax = @(Read-Syntax $file (Get-Section $Document 'SYNTAX') $parameters)

    [pscustomobject]@{
        Name         = $name
        Verb         = $verb
        Noun         = $noun
        Synopsis     = $synopsis
        Description  = $description
        Syntax       = $syntax
        Parameters   = $parameters
        Examples     = @(Read-Examples $file (Get-Section $Document 'EXAMPLES'))
        Inputs       = @(Read-TypeList $file (Get-Section $Document 'INPUTS'))
        Outputs      = @(Read-TypeList $file (Get-Section $Document 'OUTPUTS'))
        Notes        = @(if ($notes = Get-Section $Document 'NOTES') { (Split-Body $notes.Body).Paragraphs })
        RelatedLinks = @(Read-RelatedLinks $Document)
    }
}

function Read-Parameters {
    param([string] $File, $Section)

    foreach ($subsection in $Section.Subsections) {
        # platyPS writes a CommonParameters entry; Get-Help adds that text itself.
        if ($subsection.Title -eq 'CommonParameters') { continue }
        if ($subsection.Title -notmatch '^-([A-Za-z][A-Za-z0-9_]*)$') {
            Stop-Conversion $File $subsection.Line "parameter heading '### $($subsection.Title)' must be '### -Name'."
        }
        $parameterName = $Matches[1]
        $body = Split-Body $subsection.Body
        $yamlBlocks = @($body.CodeBlocks | Where-Object Language -EQ 'yaml')
        if ($yamlBlocks.Count -eq 0) { Stop-Conversion $File $subsection.Line "parameter -$parameterName has no ``````yaml block." }
        $description = @($body.Paragraphs)
        if ($description.Count -eq 0) { Stop-Conversion $File $subsection.Line "parameter -$parameterName has no description." }

        # One yaml block per group of parameter sets (platyPS writes several when Required/Position differ by set).
        $variants = foreach ($block in $yamlBlocks) { Read-ParameterYaml $File $parameterName $block }
        [pscustomobject]@{
            Name        = $parameterName
            Line        = $subsection.Line
            Description = $description
            Variants    = @($variants)
        }
    }
}

function Read-ParameterYaml {
    param([string] $File, [string] $ParameterName, $Block)

    $values = @{}
    $lineNumber = $Block.Line
    foreach ($text in $Block.Lines) {
        $lineNumber++
        if ($text.Trim() -eq '') { continue }
        if ($text -notmatch '^([A-Za-z ]+):\s*(.*?)\s*$') { Stop-Conversion $File $lineNumber "parameter -${ParameterName}: '$text' is not 'Key: value'." }
        if ($Matches[1] -notin $script:ParameterYamlKeys) { Stop-Conversion $File $lineNumber "parameter -${ParameterName}: unknown key '$($Matches[1])'." }
        $values[$Matches[1]] = $Matches[2]
    }
    foreach ($key in $script:ParameterYamlKeys) {
        if (-not $values.ContainsKey($key)) { Stop-Conversion $File $Block.Line "parameter -${ParameterName}: the yaml block has no '${key}:' line." }
    }
    foreach ($key in 'Type', 'Parameter Sets', 'Required', 'Position') {
        if ($values[$key] -eq '') { Stop-Conversion $File $Block.Line "parameter -${ParameterName}: '${key}:' is empty." }
    }
    foreach ($key in 'Required', 'Accept wildcard characters') {
        if ($values[$key] -notin 'True', 'False') { Stop-Conversion $File $Block.Line "parameter -${ParameterName}: '${key}:' must be True or False." }
    }
    if ($values['Position'] -ne 'Named' -and $values['Position'] -notmatch '^\d+$') {
        Stop-Conversion $File $Block.Line "parameter -${ParameterName}: 'Position:' must be a number or Named."
    }
    if ($values['Accept pipeline input'] -notmatch '^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue)\))$') {
        Stop-Conversion $File $Block.Line "parameter -${ParameterName}: 'Accept pipeline input:' must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)."
    }

    [pscustomobject]@{
        Type           = $values['Type']
        ParameterSets  = @($values['Parameter Sets'] -split ',' | ForEach-Object Trim | Where-Object { $_ })
        Aliases        = @($values['Aliases'] -split ',' | ForEach-Object Trim | Where-Object { $_ })
        Required       = $values['Required'] -eq 'True'
        Position       = if ($values['Position'] -eq 'Named') { 'named' } else { $values['Position'] }
        DefaultValue   = $values['Default value']
        PipelineInput  = $values['Accept pipeline input']
        Globbing       = $values['Accept wildcard characters'] -eq 'True'
    }
}

# Each '### SetName' under SYNTAX (or the single code block when the cmdlet has one set) becomes a syntax item whose
# parameters are those whose yaml lists the set (or '(All)'), in the order the syntax line shows them.
function Read-Syntax {
    param([string] $File, $Section, $Parameters)

    $sets = [System.Collections.Generic.List[object]]::new()
    if ($Section.Subsections.Count -eq 0) {
        $code = (Split-Body $Section.Body).CodeBlocks | Select-Object -First 1
        if ($null -eq $code) { Stop-Conversion $File $Section.Line "SYNTAX has no code block." }
        $sets.Add([pscustomobject]@{ Name = $script:AllParameterSets; Line = $Section.Line; Code = $code })
    }
    else {
        foreach ($subsection in $Section.Subsections) {
            $code = (Split-Body $subsection.Body).CodeBlocks | Select-Object -First 1
            if ($null -eq $code) { Stop-Conversion $File $subsection.Line "syntax '### $($subsection.Title)' has no code block." }
            $setName = ($subsection.Title -replace '\s*\(Default\)\s*$', '').Trim()
            $sets.Add([pscustomobject]@{ Name = $setName; Line = $subsection.Line; Code = $code })
        }
    }

    $documented = @{}
    foreach ($parameter in $Parameters) { $documented[$parameter.Name] = $parameter }
    foreach ($set in $sets) {
        $syntaxLine = $set.Code.Lines -join ' '
        $order = @([regex]::Matches($syntaxLine, '(?<=[\s\[])-([A-Za-z][A-Za-z0-9_]*)') | ForEach-Object { $_.Groups[1].Value })
        foreach ($shown in $order) {
            if (-not $documented.ContainsKey($shown)) { Stop-Conversion $File $set.Code.Line "syntax shows -$shown but PARAMETERS has no '### -$shown'." }
        }

        $members = foreach ($parameter in $Parameters) {
            $variant = Select-ParameterVariant $parameter $set.Name ($set.Name -eq $script:AllParameterSets)
            if ($null -eq $variant) { continue }
            $rank = [array]::IndexOf($order, $parameter.Name)
            [pscustomobject]@{ Parameter = $parameter; Variant = $variant; Rank = if ($rank -lt 0) { [int]::MaxValue } else { $rank } }
        }
        [pscustomobject]@{
            Name    = $set.Name
            Members = @($members | Sort-Object -Stable Rank)
        }
    }
}

function Select-ParameterVariant {
    param($Parameter, [string] $SetName, [bool] $SingleSet)
    foreach ($variant in $Parameter.Variants) {
        if ($SingleSet -or $variant.ParameterSets -contains $script:AllParameterSets -or $variant.ParameterSets -contains $SetName) { return $variant }
    }
    return $null
}

function Read-Examples {
    param([string] $File, $Section)

    $examples = foreach ($subsection in $Section.Subsections) {
        $body = Split-Body $subsection.Body
        if ($body.CodeBlocks.Count -eq 0) { Stop-Conversion $File $subsection.Line "example '$($subsection.Title)' has no code block." }
        if ($body.Paragraphs.Count -eq 0) { Stop-Conversion $File $subsection.Line "example '$($subsection.Title)' has no explanation after its code." }
        [pscustomobject]@{
            Title   = $subsection.Title
            Code    = ($body.CodeBlocks | ForEach-Object { $_.Lines -join "`n" }) -join "`n`n"
            Remarks = $body.Paragraphs
        }
    }
    $examples = @($examples)
    if ($examples.Count -lt 2) { Stop-Conversion $File $Section.Line "EXAMPLES has $($examples.Count) example(s); every cmdlet needs at least 2." }
    return $examples
}

function Read-TypeList {
    param([string] $File, $Section)
    if ($null -eq $Section) { return }
    foreach ($subsection in $Section.Subsections) {
        [pscustomobject]@{ Type = $subsection.Title; Description = (Split-Body $subsection.Body).Paragraphs }
    }
}

function Read-RelatedLinks {
    param($Document)

    $online = $Document.FrontMatter['online version']
    if ($online) { [pscustomobject]@{ Text = 'Online Version:'; Uri = $online } }
    $section = Get-Section $Document 'RELATED LINKS'
    if ($null -eq $section) { return }
    foreach ($entry in $section.Body) {
        $text = $entry.Text.Trim() -replace '^[-*]\s+', ''
        if ($text -eq '') { continue }
        if ($text -match '^\[([^\]]+)\]\(([^)]*)\)$') {
            $linkText = $Matches[1]; $target = $Matches[2]
            # Relative links point at sibling markdown pages, which do not exist offline: keep only the name.
            $uri = if ($target -match '^https?://') { $target } else { '' }
            [pscustomobject]@{ Text = $linkText; Uri = $uri }
        }
        else { [pscustomobject]@{ Text = $text; Uri = '' } }
    }
}

#endregion

#region MAML writing

function Write-Element {
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Name, [string] $Value)
    $Writer.WriteElementString($Prefix, $Name, $script:Namespaces[$Prefix], $Value)
}

function Write-Paragraphs {
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs)
    $Writer.WriteStartElement('maml', 'description', $script:Namespaces.maml)
    foreach ($paragraph in $Paragraphs) { Write-Element $Writer 'maml' 'para' $paragraph }
    $Writer.WriteEndElement()
}

function Write-Parameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, $Variant)

    $isSwitch = $Variant.Type -in 'SwitchParameter', 'System.Management.Automation.SwitchParameter'
    $Writer.WriteStartElement('command', 'parameter', $script:Namespaces.command)
    $Writer.WriteAttributeString('required', $Variant.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Variant.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Variant.PipelineInput)
    $Writer.WriteAttributeString('position', $Variant.Position)
    $Writer.WriteAttributeString('aliases', $(if ($Variant.Aliases.Count) { $Variant.Aliases -join ', ' } else { 'none' }))
    Write-Element $Writer 'maml' 'name' $Parameter.Name
    Write-Paragraphs $Writer $Parameter.Description
    if (-not $isSwitch) {
        # parameterValue is what Get-Help prints as <Type>; a switch has none.
        $Writer.WriteStartElement('command', 'parameterValue', $script:Namespaces.command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Variant.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:Namespaces.dev)
    Write-Element $Writer 'maml' 'name' $Variant.Type
    Write-Element $Writer 'maml' 'uri' ''
    $Writer.WriteEndElement()
    Write-Element $Writer 'dev' 'defaultValue' $Variant.DefaultValue
    $Writer.WriteEndElement()
}

function Write-TypeEntries {
    param([System.Xml.XmlWriter] $Writer, [string] $ListName, [string] $ItemName, $Entries)
    $Writer.WriteStartElement('command', $ListName, $script:Namespaces.command)
    foreach ($entry in $Entries) {
        $Writer.WriteStartElement('command', $ItemName, $script:Namespaces.command)
        $Writer.WriteStartElement('dev', 'type', $script:Namespaces.dev)
        Write-Element $Writer 'maml' 'name' $entry.Type
        $Writer.WriteEndElement()
        Write-Paragraphs $Writer $entry.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command {
    param([System.Xml.XmlWriter] $Writer, $Help)

    $Writer.WriteStartElement('command', 'command', $script:Namespaces.command)
    foreach ($prefix in $script:Namespaces.Keys) {
        $Writer.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $script:Namespaces[$prefix])
    }

    $Writer.WriteStartElement('command', 'details', $script:Namespaces.command)
    Write-Element $Writer 'command' 'name' $Help.Name
    Write-Element $Writer 'command' 'verb' $Help.Verb
    Write-Element $Writer 'command' 'noun' $Help.Noun
    Write-Paragraphs $Writer $Help.Synopsis
    $Writer.WriteEndElement()

    Write-Paragraphs $Writer $Help.Description

    $Writer.WriteStartElement('command', 'syntax', $script:Namespaces.command)
    foreach ($set in $Help.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $script:Namespaces.command)
        Write-Element $Writer 'maml' 'name' $Help.Name
        foreach ($member in $set.Members) { Write-Parameter $Writer $member.Parameter $member.Variant }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $script:Namespaces.command)
    foreach ($parameter in $Help.Parameters) { Write-Parameter $Writer $parameter $parameter.Variants[0] }
    $Writer.WriteEndElement()

    Write-TypeEntries $Writer 'inputTypes' 'inputType' $Help.Inputs
    Write-TypeEntries $Writer 'returnValues' 'returnValue' $Help.Outputs

    $Writer.WriteStartElement('maml', 'alertSet', $script:Namespaces.maml)
    if ($Help.Notes.Count) {
        $Writer.WriteStartElement('maml', 'alert', $script:Namespaces.maml)
        foreach ($paragraph in $Help.Notes) { Write-Element $Writer 'maml' 'para' $paragraph }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $script:Namespaces.command)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $script:Namespaces.command)
        # Get-Help prints the title as is; the dashes are the convention every built-in help file uses.
        Write-Element $Writer 'maml' 'title' "-------------------------- $($example.Title) --------------------------"
        Write-Element $Writer 'dev' 'code' $example.Code
        $Writer.WriteStartElement('dev', 'remarks', $script:Namespaces.dev)
        foreach ($paragraph in $example.Remarks) { Write-Element $Writer 'maml' 'para' $paragraph }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $script:Namespaces.command)
    foreach ($link in $Help.RelatedLinks) {
        $Writer.WriteStartElement('maml', 'navigationLink', $script:Namespaces.maml)
        Write-Element $Writer 'maml' 'linkText' $link.Text
        Write-Element $Writer 'maml' 'uri' $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Write-MamlFile {
    param([string] $Destination, $HelpItems)

    $directory = [System.IO.Path]::GetDirectoryName($Destination)
    if ($directory -and -not (Test-Path -LiteralPath $directory)) { $null = New-Item -ItemType Directory -Path $directory -Force }
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $writer = [System.Xml.XmlWriter]::Create($Destination, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($help in $HelpItems) { Write-Command $writer $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

#endregion

#region Main

function Get-HelpSourceFiles {
    param([string[]] $Paths)
    foreach ($item in $Paths) {
        $resolved = Resolve-Path -LiteralPath $item -ErrorAction Stop
        foreach ($entry in $resolved) {
            if (Test-Path -LiteralPath $entry.ProviderPath -PathType Container) {
                # Samples and about_ topics live beside the cmdlet pages but are not cmdlet help.
                Get-ChildItem -LiteralPath $entry.ProviderPath -Filter '*.md' -File |
                    Where-Object { $_.Name -notlike 'Example-*' -and $_.Name -notlike 'about_*' } |
                    Sort-Object Name
            }
            else { Get-Item -LiteralPath $entry.ProviderPath }
        }
    }
}

$files = @(Get-HelpSourceFiles $Path)
if ($files.Count -eq 0) { throw "No cmdlet help markdown found in: $($Path -join ', ')." }

$helpItems = foreach ($file in $files) {
    Write-Verbose "Converting $($file.FullName)"
    ConvertTo-HelpModel (Read-HelpMarkdown $file.FullName)
}
$duplicates = @($helpItems | Group-Object Name | Where-Object Count -GT 1)
if ($duplicates.Count) { throw "Cmdlet help is defined more than once for: $($duplicates.Name -join ', ')." }

$destination = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
Write-MamlFile $destination $helpItems
Get-Item -LiteralPath $destination

#endregion
