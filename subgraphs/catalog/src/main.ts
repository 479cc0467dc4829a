import { runStandalone } from '@basket/platform/standalone';
import { createSubgraph } from './index';

void runStandalone('catalog', createSubgraph);
