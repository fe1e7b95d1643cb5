import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './build-api';

// Sandboxed preload: the only bridge between the page and main is this named, contract-shaped API.
contextBridge.exposeInMainWorld('antring', buildApi(ipcRenderer));
