import { Administration } from '../master-data/administration.entity.js';
import { Area } from '../master-data/area.entity.js';
import { Goal } from '../master-data/goal.entity.js';
import { Indicator } from '../master-data/indicator.entity.js';
import { LocalNetwork } from '../master-data/local-network.entity.js';
import { Municipality } from '../master-data/municipality.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once for the app and the migration CLI alike. */
export const ENTITIES = [Administration, Area, Goal, Indicator, LocalNetwork, Municipality, User];
