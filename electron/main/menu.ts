// The application menu. Commands the UI owns are sent to the focused window as menu commands; the renderer runs
// them through the same command registry the palette uses.
import { type BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_CHANNEL } from '../../shared/contract/bridge';

export function buildMenu(focused: () => BrowserWindow | null): Menu {
  const send = (command: string) => () => focused()?.webContents.send(MENU_COMMAND_CHANNEL, command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'New Investigation…', accelerator: 'CmdOrCtrl+N', click: send('investigation.new') },
        { label: 'Go to Investigations', accelerator: 'CmdOrCtrl+Shift+H', click: send('nav.home') },
        { type: 'separator' },
        {
          label: 'Export',
          submenu: [
            { label: 'Markdown Postmortem…', accelerator: 'CmdOrCtrl+E', click: send('export.md') },
            { label: 'HTML Report…', click: send('export.html') },
            { label: 'PDF…', accelerator: 'CmdOrCtrl+P', click: send('export.pdf') },
            { label: 'CSV of the Audit Trail…', click: send('export.csv') },
            { label: 'JSON Bundle…', click: send('export.json') },
          ],
        },
        { label: 'Import Bundle…', accelerator: 'CmdOrCtrl+O', click: send('bundle.import') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', click: send('palette.open') },
        { label: 'Toggle Audit Trail', accelerator: 'CmdOrCtrl+Shift+A', click: send('audit.toggle') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'Shift+/', click: send('help.open') }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
