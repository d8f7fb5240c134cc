; Inno Setup script for the Windows installer of Correspondence Desk (Inno Setup 6.3 or newer).
; Wraps the one-folder build that scripts/build-app makes (build\dist\correspondence-desk).
;
;   iscc packaging\windows\correspondence-desk.iss            -> build\installer\CorrespondenceDesk-<version>-setup.exe
;
; Installs for the current user without administrator rights by default
; (%LOCALAPPDATA%\Programs\Correspondence Desk). IT installs for every user, silently, with
;   CorrespondenceDesk-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS
; (C:\Program Files\Correspondence Desk; needs an administrator). /CURRENTUSER forces the per-user mode.
; Upgrading installs over the previous version; the user's database is not in the program folder
; (it is in %LOCALAPPDATA%\CorrespondenceDesk) and is never touched by the installer or the uninstaller.
; tests/packaging/test_pins.py checks that these names and the version match the spec and the app.

#define AppName "Correspondence Desk"
#define AppVersion "0.1.0"
#define DistName "correspondence-desk"
#define ConsoleExe "correspondence-desk.exe"
#define WindowedExe "CorrespondenceDesk.exe"
#define Publisher "Correspondence Desk developers"

[Setup]
; the AppId identifies the app across versions (upgrades, uninstall): never change it
AppId={{5B0E5C52-3F0B-4C57-9E55-0B1D7D3E1A6F}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Publisher}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\resources\icons\correspondence-desk.ico
UninstallDisplayIcon={app}\{#WindowedExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\build\installer
OutputBaseFilename=CorrespondenceDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; the previous version's libraries go first, so no stale module of an older build is left behind
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\build\dist\{#DistName}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Comment: "Committee reports and response letters"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowedExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#WindowedExe}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
